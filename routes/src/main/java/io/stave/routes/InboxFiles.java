package io.stave.routes;

import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import java.util.Locale;

/**
 * How a file dropped into the inbox says what it is: {@code *.xml} is an ERN message; {@code
 * *.consents.csv}, {@code *.consents.json}, {@code *.splits.csv} and {@code *.splits.json} are
 * consents and split sheets. Anything else is moved to {@code failed/} with a reason.
 */
public final class InboxFiles {
  private InboxFiles() {}

  public static FeedMessage message(String fileName, byte[] body) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xml")) {
      return new FeedMessage(FeedKind.ERN, FeedFormat.XML, FeedChannel.INBOX, fileName, body);
    }
    for (FeedKind kind : new FeedKind[] {FeedKind.CONSENTS, FeedKind.SPLITS}) {
      for (FeedFormat format : new FeedFormat[] {FeedFormat.CSV, FeedFormat.JSON}) {
        if (name.endsWith("." + kind.wireName() + "." + format.name().toLowerCase(Locale.ROOT))) {
          return new FeedMessage(kind, format, FeedChannel.INBOX, fileName, body);
        }
      }
    }
    throw new FeedRejectedException(
        new FeedProblem(
            "file name",
            "'"
                + fileName
                + "' does not say what it holds: name"
                + " ERN messages *.xml, consents *.consents.csv or *.consents.json, split sheets *.splits.csv or"
                + " *.splits.json"));
  }
}
