// The couriers context's module (adapters, provider factory, simulators' wiring) arrives with the ship-it work;
// today other contexts use only its contracts (the courier catalogue).
export {};
