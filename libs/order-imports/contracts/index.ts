/** The order-imports context offers nothing to other contexts yet. */
export {};
