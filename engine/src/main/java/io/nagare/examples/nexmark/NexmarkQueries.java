package io.nagare.examples.nexmark;

import io.nagare.api.datastream.DataStream;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.CoGroupFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.ProcessAllWindowFunction;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.tuple.Tuple4;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.EventTimeSessionWindows;
import io.nagare.api.windowing.assigners.SlidingEventTimeWindows;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.examples.nexmark.model.Auction;
import io.nagare.examples.nexmark.model.Bid;
import io.nagare.examples.nexmark.model.Event;
import io.nagare.examples.nexmark.model.Person;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The eight Nexmark queries of ../shared/NEXMARK.md (q0, q1, q2, q3, q5, q7, q8, q11) in their
 * DataStream form, each built on a stream of {@link Event}s with ordinary operators of the public
 * API. A built {@link Query} is the output stream and how one output record reads as a text row.
 * Each function instance runs on the thread of its subtask, which owns its state handles.
 *
 * <pre>{@code
 * Query<?> q5 = NexmarkQueries.build("q5", NexmarkSource.stream(env, 2_000_000, 0));
 * q5.stream().addSink(...);
 * }</pre>
 */
public final class NexmarkQueries {
  /** Every query's name, in order. */
  public static final List<String> ALL = List.of("q0", "q1", "q2", "q3", "q5", "q7", "q8", "q11");
  /** The size of q7's and q8's tumbling windows and of q5's sliding window, in milliseconds. */
  public static final long WINDOW_MILLIS = 10_000;
  /** How far q5's sliding windows move, in milliseconds. */
  public static final long SLIDE_MILLIS = 2_000;
  /** q11's session gap, in milliseconds. */
  public static final long SESSION_GAP_MILLIS = 250;
  /** The states of q3's persons. */
  public static final Set<String> Q3_STATES = Set.of("OR", "ID", "CA");
  /** The category of q3's auctions. */
  public static final long Q3_CATEGORY = 10;
  /** q2 keeps the bids on auctions whose id is a multiple of this. */
  public static final long Q2_MODULUS = 123;

  private static final TypeInformation<Tuple2<Long, Long>> LONG2 = Types.TUPLE(Types.LONG, Types.LONG);
  private static final TypeInformation<Tuple3<Long, Long, Long>> LONG3 = Types.TUPLE(Types.LONG, Types.LONG, Types.LONG);
  private static final TypeInformation<Tuple4<Long, Long, Long, Long>> LONG4 =
      Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG);
  private static final TypeInformation<Bid> BID = Types.POJO(Bid.class);
  private static final TypeInformation<Person> PERSON = Types.POJO(Person.class);
  private static final TypeInformation<Auction> AUCTION = Types.POJO(Auction.class);

  private NexmarkQueries() {}

  /** Turns one output record into its row: fields separated by {@code ,}, numbers as {@link Long#toString}. */
  public interface RowFormat<T> extends Serializable {
    String row(T value);
  }

  /**
   * A built query.
   *
   * @param name the query's name, e.g. {@code q5}
   * @param stream its output records
   * @param format how one output record reads as a row
   */
  public record Query<T>(String name, DataStream<T> stream, RowFormat<T> format) {}

  /**
   * Builds query {@code name} on {@code events}.
   *
   * @throws IllegalArgumentException if there is no such query
   */
  public static Query<?> build(String name, DataStream<Event> events) {
    return switch (name) {
      case "q0" -> new Query<>(name, q0(events), new BidRow());
      case "q1" -> new Query<>(name, q1(events), new BidRow());
      case "q2" -> new Query<>(name, q2(events), new TupleRow<>());
      case "q3" -> new Query<>(name, q3(events), new TupleRow<>());
      case "q5" -> new Query<>(name, q5(events), new TupleRow<>());
      case "q7" -> new Query<>(name, q7(events), new TupleRow<>());
      case "q8" -> new Query<>(name, q8(events), new TupleRow<>());
      case "q11" -> new Query<>(name, q11(events), new TupleRow<>());
      default -> throw new IllegalArgumentException("Unknown query " + name + " (known: " + ALL + ")");
    };
  }

  /** The events that are bids. */
  public static DataStream<Bid> bids(DataStream<Event> events) {
    return events.filter(e -> e.bid != null).name("bids").map(e -> e.bid, BID).name("bid");
  }

  /** The events that are persons. */
  public static DataStream<Person> persons(DataStream<Event> events) {
    return events.filter(e -> e.person != null).name("persons").map(e -> e.person, PERSON).name("person");
  }

  /** The events that are auctions. */
  public static DataStream<Auction> auctions(DataStream<Event> events) {
    return events.filter(e -> e.auction != null).name("auctions").map(e -> e.auction, AUCTION).name("auction");
  }

  /** q0, pass-through: every bid. */
  public static DataStream<Bid> q0(DataStream<Event> events) {
    return bids(events).map(b -> b, BID).name("q0 identity");
  }

  /** q1, currency conversion: every bid with {@code price * 908 / 1000} as its price. */
  public static DataStream<Bid> q1(DataStream<Event> events) {
    return bids(events).map(b -> new Bid(b.auction, b.bidder, b.price * 908 / 1000, b.channel, b.dateTime), BID)
        .name("q1 convert");
  }

  /** q2, selection: (auction, price) of the bids on auctions whose id is a multiple of {@link #Q2_MODULUS}. */
  public static DataStream<Tuple2<Long, Long>> q2(DataStream<Event> events) {
    return bids(events).filter(b -> b.auction % Q2_MODULUS == 0).name("q2 filter")
        .map(b -> Tuple2.of(b.auction, b.price), LONG2).name("q2 project");
  }

  /**
   * q3, local item suggestion: (name, city, state, auction id) for every auction of category
   * {@link #Q3_CATEGORY} whose seller is a person from one of {@link #Q3_STATES}; an unbounded join.
   */
  public static DataStream<Tuple4<String, String, String, Long>> q3(DataStream<Event> events) {
    DataStream<Person> sellers = persons(events).filter(p -> Q3_STATES.contains(p.state)).name("q3 persons");
    DataStream<Auction> items = auctions(events).filter(a -> a.category == Q3_CATEGORY).name("q3 auctions");
    return sellers.connect(items).keyBy(p -> p.id, a -> a.seller, Types.LONG)
        .process(new SellerJoin(), Types.TUPLE(Types.STRING, Types.STRING, Types.STRING, Types.LONG)).name("q3 join");
  }

  /** q5, hot items: per end of a sliding window, the auctions with the most bids in it, ties all, as (windowEnd, auction, count). */
  public static DataStream<Tuple3<Long, Long, Long>> q5(DataStream<Event> events) {
    DataStream<Tuple3<Long, Long, Long>> counts = bids(events).keyBy(b -> b.auction, Types.LONG)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(WINDOW_MILLIS), Duration.ofMillis(SLIDE_MILLIS)))
        .aggregate(new Count<>(), new AuctionCount(), Types.LONG, LONG3).name("q5 count");
    return counts.keyBy(c -> c.f2, Types.LONG).process(new MostBids(), LONG3).name("q5 max");
  }

  /** q7, highest bid: per tumbling window, every bid with the highest price, as (windowEnd, auction, bidder, price). */
  public static DataStream<Tuple4<Long, Long, Long, Long>> q7(DataStream<Event> events) {
    return bids(events).windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MILLIS)))
        .aggregate(new HighestPrice(), new HighestBids()).name("q7 highest");
  }

  /**
   * q8, monitor new users: (id, name, windowStart) for each person who opened at least one auction
   * in the tumbling window that holds the person's registration.
   */
  public static DataStream<Tuple3<Long, String, Long>> q8(DataStream<Event> events) {
    DataStream<Tuple2<Long, String>> people = persons(events)
        .map(p -> Tuple2.of(p.id, p.name), Types.<Tuple2<Long, String>>TUPLE(Types.LONG, Types.STRING))
        .name("q8 person");
    DataStream<Long> sellers = auctions(events).map(a -> a.seller, Types.LONG).name("q8 seller");
    return people.coGroup(sellers).where(p -> p.f0, Types.LONG).equalTo(s -> s)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MILLIS)))
        .apply(new NewSellers(), Types.TUPLE(Types.LONG, Types.STRING))
        .process(new WithWindowStart(WINDOW_MILLIS), Types.TUPLE(Types.LONG, Types.STRING, Types.LONG))
        .name("q8 window start");
  }

  /** q11, user sessions: per bidder and session window, (bidder, bids, windowStart, windowEnd). */
  public static DataStream<Tuple4<Long, Long, Long, Long>> q11(DataStream<Event> events) {
    return bids(events).keyBy(b -> b.bidder, Types.LONG)
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(SESSION_GAP_MILLIS)))
        .aggregate(new Count<>(), new SessionCount(), Types.LONG, LONG4).name("q11 sessions");
  }

  /** q3's join, per seller id: keeps the person, holds the seller's auctions until the person is known. */
  static final class SellerJoin extends KeyedCoProcessFunction<Long, Person, Auction, Tuple4<String, String, String, Long>> {
    private transient ValueState<Person> person;
    private transient ListState<Auction> waiting;

    @Override
    public void open(OpenContext context) {
      person = getRuntimeContext().getState(new ValueStateDescriptor<>("person", PERSON));
      waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", AUCTION));
    }

    @Override
    public void processElement1(Person p, Context ctx, Collector<Tuple4<String, String, String, Long>> out)
        throws Exception {
      person.update(p);
      for (Auction a : waiting.get()) {
        out.collect(Tuple4.of(p.name, p.city, p.state, a.id));
      }
      waiting.clear();
    }

    @Override
    public void processElement2(Auction a, Context ctx, Collector<Tuple4<String, String, String, Long>> out)
        throws Exception {
      Person p = person.value();
      if (p == null) {
        waiting.add(a);
      } else {
        out.collect(Tuple4.of(p.name, p.city, p.state, a.id));
      }
    }
  }

  /** Counts a window's elements. */
  static final class Count<T> implements AggregateFunction<T, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(T value, Long accumulator) {
      return accumulator + 1;
    }

    @Override
    public Long getResult(Long accumulator) {
      return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** (auction, count, windowEnd) of one auction's window. */
  static final class AuctionCount extends ProcessWindowFunction<Long, Tuple3<Long, Long, Long>, Long, TimeWindow> {
    @Override
    public void process(Long auction, Context context, Iterable<Long> counts, Collector<Tuple3<Long, Long, Long>> out) {
      out.collect(Tuple3.of(auction, counts.iterator().next(), context.window().getEnd()));
    }
  }

  /**
   * q5's maximum, per window end: keeps the highest count and its auctions and emits them as
   * (windowEnd, auction, count) at the event-time timer {@code windowEnd - 1}, which fires after
   * every count of that window has arrived (they carry that timestamp and precede its watermark).
   */
  static final class MostBids extends KeyedProcessFunction<Long, Tuple3<Long, Long, Long>, Tuple3<Long, Long, Long>> {
    private transient ValueState<Long> max;
    private transient ListState<Long> auctions;

    @Override
    public void open(OpenContext context) {
      max = getRuntimeContext().getState(new ValueStateDescriptor<>("max", Types.LONG));
      auctions = getRuntimeContext().getListState(new ListStateDescriptor<>("auctions", Types.LONG));
    }

    @Override
    public void processElement(Tuple3<Long, Long, Long> count, Context ctx, Collector<Tuple3<Long, Long, Long>> out)
        throws Exception {
      ctx.timerService().registerEventTimeTimer(count.f2 - 1);
      Long highest = max.value();
      if (highest == null || count.f1 > highest) {
        max.update(count.f1);
        auctions.update(List.of(count.f0));
      } else if (count.f1.equals(highest)) {
        auctions.add(count.f0);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      Long highest = max.value();
      if (highest != null) {
        for (Long auction : auctions.get()) {
          out.collect(Tuple3.of(ctx.getCurrentKey(), auction, highest));
        }
      }
      max.clear();
      auctions.clear();
    }
  }

  /** q7's accumulator: the highest price so far and every bid with it. A POJO. */
  public static class HighestBidsSoFar {
    public long price = Long.MIN_VALUE;
    public List<Bid> bids = new ArrayList<>();

    public HighestBidsSoFar() {}
  }

  /** Keeps the highest price of a window and its bids. */
  static final class HighestPrice implements AggregateFunction<Bid, HighestBidsSoFar, HighestBidsSoFar> {
    @Override
    public HighestBidsSoFar createAccumulator() {
      return new HighestBidsSoFar();
    }

    @Override
    public HighestBidsSoFar add(Bid bid, HighestBidsSoFar acc) {
      if (bid.price > acc.price) {
        acc.price = bid.price;
        acc.bids.clear();
        acc.bids.add(bid);
      } else if (bid.price == acc.price) {
        acc.bids.add(bid);
      }
      return acc;
    }

    @Override
    public HighestBidsSoFar getResult(HighestBidsSoFar acc) {
      return acc;
    }

    @Override
    public HighestBidsSoFar merge(HighestBidsSoFar a, HighestBidsSoFar b) {
      if (b.price > a.price) {
        return b;
      }
      if (b.price == a.price) {
        a.bids.addAll(b.bids);
      }
      return a;
    }
  }

  /** (windowEnd, auction, bidder, price) for each of the window's highest bids. */
  static final class HighestBids
      extends ProcessAllWindowFunction<HighestBidsSoFar, Tuple4<Long, Long, Long, Long>, TimeWindow> {
    @Override
    public void process(Context context, Iterable<HighestBidsSoFar> highest,
        Collector<Tuple4<Long, Long, Long, Long>> out) {
      long end = context.window().getEnd();
      for (Bid b : highest.iterator().next().bids) {
        out.collect(Tuple4.of(end, b.auction, b.bidder, b.price));
      }
    }
  }

  /** The persons of a key and window if the window holds at least one of their auctions. */
  static final class NewSellers implements CoGroupFunction<Tuple2<Long, String>, Long, Tuple2<Long, String>> {
    @Override
    public void coGroup(Iterable<Tuple2<Long, String>> persons, Iterable<Long> sellers,
        Collector<Tuple2<Long, String>> out) {
      if (sellers.iterator().hasNext()) {
        for (Tuple2<Long, String> p : persons) {
          out.collect(p);
        }
      }
    }
  }

  /** Adds the start of the tumbling window that holds the record's timestamp (a window result's is its end - 1). */
  static final class WithWindowStart extends ProcessFunction<Tuple2<Long, String>, Tuple3<Long, String, Long>> {
    private final long size;

    WithWindowStart(long size) {
      this.size = size;
    }

    @Override
    public void processElement(Tuple2<Long, String> p, Context ctx, Collector<Tuple3<Long, String, Long>> out) {
      out.collect(Tuple3.of(p.f0, p.f1, TimeWindow.getWindowStartWithOffset(ctx.timestamp(), 0, size)));
    }
  }

  /** (bidder, count, windowStart, windowEnd) of one bidder's session. */
  static final class SessionCount extends ProcessWindowFunction<Long, Tuple4<Long, Long, Long, Long>, Long, TimeWindow> {
    @Override
    public void process(Long bidder, Context context, Iterable<Long> counts,
        Collector<Tuple4<Long, Long, Long, Long>> out) {
      TimeWindow w = context.window();
      out.collect(Tuple4.of(bidder, counts.iterator().next(), w.getStart(), w.getEnd()));
    }
  }

  /** A tuple's fields joined by {@code ,}. */
  static final class TupleRow<T extends Tuple> implements RowFormat<T> {
    @Override
    public String row(T t) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < t.getArity(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append((Object) t.getField(i));
      }
      return b.toString();
    }
  }

  /** A bid's row. */
  static final class BidRow implements RowFormat<Bid> {
    @Override
    public String row(Bid b) {
      return b.csv();
    }
  }
}
