export class ListZoneLists {}
