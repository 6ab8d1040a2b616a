package io.nagare.examples.nexmark.model;

/**
 * One event of the auction stream: exactly one of {@link #person}, {@link #auction} and {@link
 * #bid} is set, the other two are null. A POJO: public fields, no-argument constructor.
 */
public class Event {
  public Person person;
  public Auction auction;
  public Bid bid;

  public Event() {}

  /** An event holding {@code person}. */
  public static Event of(Person person) {
    Event e = new Event();
    e.person = person;
    return e;
  }

  /** An event holding {@code auction}. */
  public static Event of(Auction auction) {
    Event e = new Event();
    e.auction = auction;
    return e;
  }

  /** An event holding {@code bid}. */
  public static Event of(Bid bid) {
    Event e = new Event();
    e.bid = bid;
    return e;
  }

  /** The event time: the {@code dateTime} of whichever of the three is set. */
  public long dateTime() {
    if (bid != null) {
      return bid.dateTime;
    }
    return auction != null ? auction.dateTime : person.dateTime;
  }

  /** {@code type,fields}, with type {@code person}, {@code auction} or {@code bid}. */
  public String csv() {
    if (person != null) {
      return "person," + person.csv();
    }
    return auction != null ? "auction," + auction.csv() : "bid," + bid.csv();
  }
}
