package io.nagare.examples.nexmark;

import io.nagare.examples.nexmark.generator.NexmarkGenerator;
import io.nagare.examples.nexmark.model.Auction;
import io.nagare.examples.nexmark.model.Bid;
import io.nagare.examples.nexmark.model.Event;
import io.nagare.examples.nexmark.model.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows each Nexmark query must produce, computed directly from the generated events with plain
 * Java collections, one pass in event order, as NEXMARK.md defines the queries: no operators, no
 * windows, no state backends. Used by one test thread.
 */
final class ReferenceRows {
  private static final long WINDOW = 10_000;
  private static final long SLIDE = 2_000;
  private static final long GAP = 250;

  private final List<Person> persons = new ArrayList<>();
  private final List<Auction> auctions = new ArrayList<>();
  private final List<Bid> bids = new ArrayList<>();

  /** The events {@code 0..count-1} of the stream with {@code seed}. */
  ReferenceRows(long count, long seed) {
    for (long n = 0; n < count; n++) {
      Event e = NexmarkGenerator.event(n, seed);
      if (e.person != null) {
        persons.add(e.person);
      } else if (e.auction != null) {
        auctions.add(e.auction);
      } else {
        bids.add(e.bid);
      }
    }
  }

  /** The rows of {@code query}, in no particular order. */
  List<String> of(String query) {
    return switch (query) {
      case "q0" -> bids.stream().map(b -> bidRow(b, b.price)).toList();
      case "q1" -> bids.stream().map(b -> bidRow(b, b.price * 908 / 1000)).toList();
      case "q2" -> bids.stream().filter(b -> b.auction % 123 == 0).map(b -> b.auction + "," + b.price).toList();
      case "q3" -> q3();
      case "q5" -> q5();
      case "q7" -> q7();
      case "q8" -> q8();
      case "q11" -> q11();
      default -> throw new IllegalArgumentException(query);
    };
  }

  private static String bidRow(Bid b, long price) {
    return b.auction + "," + b.bidder + "," + price + "," + b.channel + "," + b.dateTime;
  }

  private static long tumblingStart(long timestamp) {
    return timestamp - Math.floorMod(timestamp, WINDOW);
  }

  private List<String> q3() {
    Map<Long, Person> sellers = new HashMap<>();
    for (Person p : persons) {
      if (p.state.equals("OR") || p.state.equals("ID") || p.state.equals("CA")) {
        sellers.put(p.id, p);
      }
    }
    List<String> rows = new ArrayList<>();
    for (Auction a : auctions) {
      Person p = sellers.get(a.seller);
      if (a.category == 10 && p != null) {
        rows.add(p.name + "," + p.city + "," + p.state + "," + a.id);
      }
    }
    return rows;
  }

  private List<String> q5() {
    Map<Long, Map<Long, Long>> countsByEnd = new TreeMap<>();
    for (Bid b : bids) {
      long lastStart = b.dateTime - Math.floorMod(b.dateTime, SLIDE);
      for (long start = lastStart; start > b.dateTime - WINDOW; start -= SLIDE) {
        countsByEnd.computeIfAbsent(start + WINDOW, end -> new HashMap<>()).merge(b.auction, 1L, Long::sum);
      }
    }
    List<String> rows = new ArrayList<>();
    countsByEnd.forEach((end, counts) -> {
      long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      counts.forEach((auction, count) -> {
        if (count == max) {
          rows.add(end + "," + auction + "," + count);
        }
      });
    });
    return rows;
  }

  private List<String> q7() {
    Map<Long, List<Bid>> highestByEnd = new TreeMap<>();
    for (Bid b : bids) {
      List<Bid> highest = highestByEnd.computeIfAbsent(tumblingStart(b.dateTime) + WINDOW, end -> new ArrayList<>());
      if (highest.isEmpty() || b.price > highest.get(0).price) {
        highest.clear();
        highest.add(b);
      } else if (b.price == highest.get(0).price) {
        highest.add(b);
      }
    }
    List<String> rows = new ArrayList<>();
    highestByEnd.forEach((end, highest) -> highest.forEach(
        b -> rows.add(end + "," + b.auction + "," + b.bidder + "," + b.price)));
    return rows;
  }

  private List<String> q8() {
    Map<Long, Set<Long>> sellersByWindow = new HashMap<>();
    for (Auction a : auctions) {
      sellersByWindow.computeIfAbsent(tumblingStart(a.dateTime), start -> new HashSet<>()).add(a.seller);
    }
    List<String> rows = new ArrayList<>();
    for (Person p : persons) {
      long start = tumblingStart(p.dateTime);
      if (sellersByWindow.getOrDefault(start, Set.of()).contains(p.id)) {
        rows.add(p.id + "," + p.name + "," + start);
      }
    }
    return rows;
  }

  private List<String> q11() {
    Map<Long, List<Long>> timesByBidder = new HashMap<>();
    for (Bid b : bids) {
      timesByBidder.computeIfAbsent(b.bidder, k -> new ArrayList<>()).add(b.dateTime);
    }
    List<String> rows = new ArrayList<>();
    timesByBidder.forEach((bidder, times) -> {
      times.sort(null);
      long first = times.get(0);
      long last = first;
      long count = 0;
      for (long t : times) {
        if (t - last > GAP) {
          rows.add(bidder + "," + count + "," + first + "," + (last + GAP));
          first = t;
          count = 0;
        }
        last = t;
        count++;
      }
      rows.add(bidder + "," + count + "," + first + "," + (last + GAP));
    });
    return rows;
  }
}
