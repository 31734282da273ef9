package org.marsad.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The per-partition ingest step: streams each file of a partition through decoding, format
 * detection, its reader and the {@link RecordProcessor}, one record at a time. Every record yields
 * exactly one row, and a file that yields no record yields an {@code empty_file} reject, so input
 * and output reconcile.
 */
public final class FileIngestor implements FlatMapFunction<Iterator<List<InputFile>>, Row> {
  private static final long serialVersionUID = 1L;
  private final IngestSettings settings;
  private final Map<String, String> hadoopConf;

  /**
   * @param hadoopConf the driver's Hadoop configuration, so executors reach the same stores
   */
  public FileIngestor(IngestSettings settings, Map<String, String> hadoopConf) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Iterator<Row> call(Iterator<List<InputFile>> bins) {
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    RecordProcessor processor = new RecordProcessor(settings);
    return new Iterator<>() {
      private Iterator<InputFile> files = List.<InputFile>of().iterator();
      private InputFile current;
      private RecordReader reader;
      private boolean currentYielded;
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (reader != null && reader.hasNext()) {
            next = processor.process(reader.next(), current);
            currentYielded = true;
            break;
          }
          if (reader != null || current != null) {
            closeReader();
            // A range of a large file may hold no line start; the file is not empty for that.
            if (!currentYielded && !current.isRange()) {
              next =
                  processor.reject(
                      current,
                      0,
                      settings.mapping().sourceName(),
                      "",
                      RejectReason.EMPTY_FILE,
                      "the file holds no record");
              current = null;
              break;
            }
            current = null;
          }
          if (!files.hasNext()) {
            if (!bins.hasNext()) {
              return false;
            }
            files = bins.next().iterator();
            continue;
          }
          current = files.next();
          currentYielded = false;
          try {
            reader = open(current, conf);
          } catch (IOException | RuntimeException e) {
            next =
                processor.reject(
                    current,
                    0,
                    settings.mapping().sourceName(),
                    null,
                    RejectReason.UNREADABLE_FILE,
                    RecordReader.describe(e));
            currentYielded = true;
            current = null;
          }
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
      }

      private void closeReader() {
        if (reader != null) {
          try {
            reader.close();
          } catch (IOException ignored) {
            // the records were read; a failing close loses nothing
          }
          reader = null;
        }
      }
    };
  }

  private RecordReader open(InputFile file, Configuration conf) throws IOException {
    if (file.isRange()) {
      return RecordReader.create(
              InputFormat.JSONL, openRange(file, conf, settings.maxFileBytes()), settings.maxRecordChars())
          .startingAt(file.firstIndex());
    }
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(conf);
    InputStream in = fs.open(path);
    try {
      InputDecoder.Decoded d = InputDecoder.open(in, file.name(), settings.encoding(), settings.maxFileBytes());
      InputFormat format = settings.format();
      if (format == InputFormat.AUTO) {
        format = RecordReader.detect(d.innerName(), InputDecoder.peek(d.reader(), 4096));
      }
      return RecordReader.create(format, d.reader(), settings.maxRecordChars());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The decoded lines of a byte range of an uncompressed file, in the file's charset. */
  static java.io.BufferedReader openRange(InputFile file, Configuration conf, long maxBytes)
      throws IOException {
    Path path = new Path(file.path());
    InputStream in = new LineRangeInputStream(path.getFileSystem(conf).open(path), file.start(), file.end());
    try {
      return InputDecoder.open(in, file.name(), file.charset(), maxBytes).reader();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The number of records in a range of a JSON Lines file, counted without parsing them. */
  public static long countRecords(InputFile file, Map<String, String> hadoopConf, int maxRecordChars)
      throws IOException {
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    try (java.io.BufferedReader r = openRange(file, conf, Long.MAX_VALUE)) {
      return JsonLinesReader.countRecords(r, maxRecordChars);
    }
  }

  /** The charset of an uncompressed file, decided from its head as a whole-file read would. */
  public static String charsetOf(InputFile file, Configuration conf, String encoding)
      throws IOException {
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return InputDecoder.open(in, file.name(), encoding).charset();
    }
  }
}
