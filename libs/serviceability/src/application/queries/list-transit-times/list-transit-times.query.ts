export class ListTransitTimes {}
