package io.nagare.examples.nexmark.generator;

import io.nagare.examples.nexmark.model.Auction;
import io.nagare.examples.nexmark.model.Bid;
import io.nagare.examples.nexmark.model.Event;
import io.nagare.examples.nexmark.model.Person;

/**
 * The deterministic event generator of ../shared/NEXMARK.md: event number {@code n} is a pure
 * function of {@code n} and the seed, so any subset of the event numbers can be generated anywhere,
 * in any order. Of every 50 events one is a person, three are auctions and 46 are bids; ten events
 * share each millisecond from {@link #BASE_TIME} on. Stateless.
 *
 * <pre>{@code
 * Event first = NexmarkGenerator.event(0, 0L); // a person
 * }</pre>
 */
public final class NexmarkGenerator {
  /** The timestamp of event 0, in epoch milliseconds. */
  public static final long BASE_TIME = 1_700_000_000_000L;
  /** Events per period: one person, then {@link #AUCTIONS_PER_PERIOD} auctions, then bids. */
  public static final int PERIOD = 50;
  /** Auctions in each period of {@link #PERIOD} events. */
  public static final int AUCTIONS_PER_PERIOD = 3;
  /** The id of the first person and of the first auction. */
  public static final long FIRST_ID = 1000;

  private static final String[] FIRST = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie"};
  private static final String[] LAST = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones"};
  private static final String[] CITY = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
      "Redmond", "Seattle", "Kent", "Cheyenne"};
  private static final String[] STATE = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  private static final String[] CHANNEL = {"Google", "Facebook", "Baidu", "Apple"};

  private NexmarkGenerator() {}

  /** The splitmix64 finaliser of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The timestamp of event {@code n}: ten events per millisecond. */
  public static long timestamp(long n) {
    return BASE_TIME + n / 10;
  }

  /** The id that is "hot" among {@code k} ids; it moves on every 100 ids. */
  private static long hot(long k) {
    return FIRST_ID + ((k - 1) / 100) * 100;
  }

  /** The id {@code back} places before the newest of {@code k} ids (the first id at the least). */
  private static long recent(long k, long back) {
    return FIRST_ID + Math.max(0, k - 1 - back);
  }

  private static String pick(String[] values, long h, int shift) {
    return values[(int) ((h >>> shift) % values.length)];
  }

  /** Event number {@code n} ({@code n >= 0}) of the stream with {@code seed}. */
  public static Event event(long n, long seed) {
    long h = mix(n ^ seed);
    long t = timestamp(n);
    long r = n % PERIOD;
    long persons = n / PERIOD + 1;
    long auctions = (n / PERIOD) * AUCTIONS_PER_PERIOD + Math.min(r, AUCTIONS_PER_PERIOD);
    if (r == 0) {
      long id = FIRST_ID + n / PERIOD;
      return Event.of(new Person(id, pick(FIRST, h, 1) + " " + pick(LAST, h, 4), "user" + id + "@nexmark.example",
          Long.toString(1000_0000_0000_0000L + (h >>> 11) % 9000_0000_0000_0000L), pick(CITY, h, 20),
          pick(STATE, h, 24), t));
    }
    if (r <= AUCTIONS_PER_PERIOD) {
      long id = FIRST_ID + auctions - 1;
      long initialBid = 100 + (h >>> 1) % 10_000;
      long seller = ((h >>> 40) & 3) == 0 ? hot(persons) : recent(persons, (h >>> 42) % 20);
      return Event.of(new Auction(id, "item-" + id, initialBid, initialBid + (h >>> 15) % 10_000, t,
          t + 1_000 + (h >>> 29) % 20_000, seller, 10 + (h >>> 50) % 5));
    }
    long auction = ((h >>> 1) & 1) == 0 ? hot(auctions) : recent(auctions, (h >>> 2) % 1000);
    long bidder = ((h >>> 12) & 3) == 0 ? hot(persons) : recent(persons, (h >>> 14) % 1000);
    return Event.of(new Bid(auction, bidder, 100 + (h >>> 24) % 100_000, pick(CHANNEL, h, 41), t));
  }
}
