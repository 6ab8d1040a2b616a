package io.nagare.examples.wordcount;

import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.FlatMapFunction;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;

/**
 * Counts words in text read from a file ({@code --input <path>}, any Hadoop file system) or a
 * socket ({@code --hostname <host> --port <port>}), and writes one line {@code word count} per
 * distinct word when the input ends — to {@code --output <path>}, or to standard out.
 *
 * <p>Words are maximal runs of letters and digits, lower-cased. The count of each word lives in
 * keyed state; an event-time timer at the end of time makes each word's line appear once, with its
 * final count, when the end of the input brings the final watermark.
 */
public final class WordCount {
  private WordCount() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    DataStream<String> text;
    if (params.has("input")) {
      text = env.readTextFile(params.get("input"));
    } else if (params.has("port")) {
      text = env.socketTextStream(params.get("hostname", "localhost"), params.getInt("port"));
    } else {
      System.err.println("Usage: WordCount --input <path> | --hostname <host> --port <port> [--output <path>]");
      System.err.println("No input given: counting the words of a built-in text.");
      text = env.fromElements(DEFAULT_TEXT);
    }

    DataStream<String> counts = text
        .flatMap(new Tokenizer()).name("Tokenizer")
        .keyBy(word -> word)
        .process(new CountAtEnd()).name("Count");

    if (params.has("output")) {
      counts.writeAsText(params.get("output")).setParallelism(1);
    } else {
      counts.print().setParallelism(1);
    }
    env.execute("WordCount");
  }

  /** Splits lines into lower-case words. */
  public static final class Tokenizer implements FlatMapFunction<String, String> {
    @Override
    public void flatMap(String line, Collector<String> out) {
      for (String token : line.toLowerCase().split("[^\\p{L}\\p{N}]+")) {
        if (!token.isEmpty()) {
          out.collect(token);
        }
      }
    }
  }

  /** Counts a word's occurrences and emits {@code word count} once, at the end of the input. */
  public static final class CountAtEnd extends KeyedProcessFunction<String, String, String> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(String word, Context ctx, Collector<String> out) throws Exception {
      Long c = count.value();
      if (c == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        c = 0L;
      }
      count.update(c + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      out.collect(ctx.getCurrentKey() + " " + count.value());
    }
  }

  static final String[] DEFAULT_TEXT = {
    "To be, or not to be,--that is the question:--",
    "Whether 'tis nobler in the mind to suffer",
    "The slings and arrows of outrageous fortune",
    "Or to take arms against a sea of troubles,",
    "And by opposing end them?--To die,--to sleep,--",
    "No more; and by a sleep to say we end",
    "The heartache, and the thousand natural shocks",
    "That flesh is heir to,--'tis a consummation",
    "Devoutly to be wish'd."
  };
}
