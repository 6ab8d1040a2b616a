package io.nagare.examples.nexmark.model;

/** A bid on an auction (NEXMARK.md, "Bid"); a POJO: public fields, no-argument constructor. */
public class Bid {
  public long auction;
  public long bidder;
  public long price;
  public String channel;
  public long dateTime;

  public Bid() {}

  public Bid(long auction, long bidder, long price, String channel, long dateTime) {
    this.auction = auction;
    this.bidder = bidder;
    this.price = price;
    this.channel = channel;
    this.dateTime = dateTime;
  }

  /** The fields in the specification's order, separated by {@code ,}: also the row of q0 and q1. */
  public String csv() {
    return auction + "," + bidder + "," + price + "," + channel + "," + dateTime;
  }
}
