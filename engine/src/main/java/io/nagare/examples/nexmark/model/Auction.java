package io.nagare.examples.nexmark.model;

/** An item put up for auction (NEXMARK.md, "Auction"); a POJO: public fields, no-argument constructor. */
public class Auction {
  public long id;
  public String itemName;
  public long initialBid;
  public long reserve;
  public long dateTime;
  public long expires;
  public long seller;
  public long category;

  public Auction() {}

  public Auction(long id, String itemName, long initialBid, long reserve, long dateTime, long expires, long seller,
      long category) {
    this.id = id;
    this.itemName = itemName;
    this.initialBid = initialBid;
    this.reserve = reserve;
    this.dateTime = dateTime;
    this.expires = expires;
    this.seller = seller;
    this.category = category;
  }

  /** The fields in the specification's order, separated by {@code ,}. */
  public String csv() {
    return id + "," + itemName + "," + initialBid + "," + reserve + "," + dateTime + "," + expires + "," + seller
        + "," + category;
  }
}
