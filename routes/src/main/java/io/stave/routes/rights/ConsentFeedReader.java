package io.stave.routes.rights;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.tabular.CsvTable;
import io.stave.routes.tabular.FeedRecord;
import io.stave.routes.tabular.JsonRecords;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.UseType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Artists' consents, as CSV ({@code artist,useType,choice,effectiveFrom,source}) or JSON ({@code
 * {"consents": [{"artist": …, "useType": …, "choice": …, "effectiveFrom": …, "source": …}]}}). Each
 * record becomes an appended consent whose id is the message id and its position, so a replayed
 * message appends nothing twice. Any bad record rejects the whole message.
 */
public final class ConsentFeedReader {
  static final List<String> COLUMNS =
      List.of("artist", "useType", "choice", "effectiveFrom", "source");

  public FeedFacts read(FeedFormat format, byte[] body, String messageId, Instant receivedAt) {
    List<? extends FeedRecord> records =
        switch (format) {
          case CSV -> CsvTable.parse(body, lower(COLUMNS), List.of()).rows();
          case JSON -> JsonRecords.read(body, "consents");
          case XML ->
              throw new FeedRejectedException(
                  new FeedProblem("format", "consents come as CSV or JSON, not XML"));
        };
    List<Consent> consents = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    int position = 0;
    for (FeedRecord record : records) {
      position++;
      Consent consent = consent(record, messageId + "#" + position, receivedAt, format, problems);
      if (consent != null) {
        consents.add(consent);
      }
    }
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    return FeedFacts.ofConsents(consents);
  }

  /** The record's consent, or null with each of its bad fields added to {@code problems}. */
  private static Consent consent(
      FeedRecord record,
      String consentId,
      Instant receivedAt,
      FeedFormat format,
      List<FeedProblem> problems) {
    int problemsBefore = problems.size();
    String artist =
        Fields.orProblem(problems, () -> Fields.required(record, field("artist", format)));
    UseType useType =
        Fields.orProblem(
            problems,
            () ->
                Fields.parse(
                    record, field("useType", format), value -> UseType.parse("useType", value)));
    ConsentChoice choice =
        Fields.orProblem(
            problems,
            () -> Fields.parse(record, field("choice", format), ConsentFeedReader::choice));
    Instant effectiveFrom =
        Fields.orProblem(
            problems, () -> Fields.parse(record, field("effectiveFrom", format), Fields::instant));
    String source =
        Fields.orProblem(problems, () -> Fields.required(record, field("source", format)));
    if (problems.size() > problemsBefore) {
      return null;
    }
    try {
      return new Consent(consentId, artist, useType, choice, effectiveFrom, source, receivedAt);
    } catch (InvalidValueException e) {
      problems.add(new FeedProblem(record.where(e.field()), e.problem()));
      return null;
    }
  }

  private static ConsentChoice choice(String value) {
    try {
      return ConsentChoice.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("choice", "'" + value + "' is neither OPT_IN nor OPT_OUT");
    }
  }

  /** CSV headers are read case-insensitively; JSON keys are camelCase. */
  static String field(String name, FeedFormat format) {
    return format == FeedFormat.CSV ? name.toLowerCase(java.util.Locale.ROOT) : name;
  }

  static List<String> lower(List<String> columns) {
    return columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList();
  }
}
