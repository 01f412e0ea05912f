package io.stave.application.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.UseType;
import io.stave.rules.revenue.Statement;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A statement as one JSON document: what the database keeps, what the API answers, what a rights
 * holder reads. Amounts are decimal strings in the statement currency ("12.34").
 */
public final class StatementDocument {
  private static final JsonProvider JSON = JsonProvider.provider();

  private StatementDocument() {}

  public static String write(Statement s) {
    return json(s).toString();
  }

  public static JsonObject json(Statement s) {
    JsonArrayBuilder lines = JSON.createArrayBuilder();
    for (Statement.Line line : s.lines()) {
      lines.add(
          JSON.createObjectBuilder()
              .add("role", line.role())
              .add("model", line.model())
              .add("useType", line.useType().name())
              .add("feature", line.feature())
              .add("isrc", line.isrc())
              .add("originalAmount", line.original().asDecimal().toPlainString())
              .add("originalCurrency", line.original().currency().getCurrencyCode())
              .add("amount", s.format(line.amount())));
    }
    JsonArrayBuilder adjustments = JSON.createArrayBuilder();
    for (Statement.Adjustment a : s.adjustmentLines()) {
      JsonObjectBuilder adjustment =
          JSON.createObjectBuilder()
              .add("adjustmentId", a.adjustmentId())
              .add("amount", s.format(a.amount()))
              .add("reason", a.reason());
      if (a.refersTo() != null) {
        adjustment.add("refersTo", a.refersTo());
      }
      adjustments.add(adjustment);
    }
    JsonArrayBuilder rates = JSON.createArrayBuilder();
    for (Statement.Rate r : s.rates()) {
      rates.add(rate(r));
    }
    return JSON.createObjectBuilder()
        .add("partyId", s.partyId())
        .add("period", s.period().toString())
        .add("currency", s.currency().getCurrencyCode())
        .add("openingBalance", s.format(s.opening()))
        .add("earnings", s.format(s.earnings()))
        .add("lines", lines)
        .add("adjustments", s.format(s.adjustments()))
        .add("adjustmentLines", adjustments)
        .add("reserveReleased", s.format(s.reserveReleased()))
        .add("reserveHeld", s.format(s.reserveHeld()))
        .add("minimumPayout", s.format(s.minimumPayout()))
        .add("payout", s.format(s.payout()))
        .add("closingBalance", s.format(s.closing()))
        .add("rates", rates)
        .add("policyVersion", s.policyVersion())
        .build();
  }

  static JsonObjectBuilder rate(Statement.Rate r) {
    return JSON.createObjectBuilder()
        .add("from", r.from().getCurrencyCode())
        .add("to", r.to().getCurrencyCode())
        .add("rate", r.rate().toPlainString())
        .add("validFrom", r.validFrom().toString());
  }

  public static Statement read(String document) {
    JsonObject o = JSON.createReader(new StringReader(document)).readObject();
    Currency currency = Currency.getInstance(o.getString("currency"));
    List<Statement.Line> lines = new ArrayList<>();
    for (JsonValue value : o.getJsonArray("lines")) {
      JsonObject l = value.asJsonObject();
      lines.add(
          new Statement.Line(
              l.getString("role"),
              l.getString("model"),
              UseType.valueOf(l.getString("useType")),
              l.getString("feature"),
              l.getString("isrc"),
              Money.of(l.getString("originalAmount"), l.getString("originalCurrency")),
              units(l.getString("amount"), currency)));
    }
    List<Statement.Adjustment> adjustments = new ArrayList<>();
    for (JsonValue value : o.getJsonArray("adjustmentLines")) {
      JsonObject a = value.asJsonObject();
      adjustments.add(
          new Statement.Adjustment(
              a.getString("adjustmentId"),
              units(a.getString("amount"), currency),
              a.getString("reason"),
              a.getString("refersTo", null)));
    }
    List<Statement.Rate> rates = new ArrayList<>();
    for (JsonValue value : o.getJsonArray("rates")) {
      JsonObject r = value.asJsonObject();
      rates.add(
          new Statement.Rate(
              Currency.getInstance(r.getString("from")),
              Currency.getInstance(r.getString("to")),
              new BigDecimal(r.getString("rate")),
              LocalDate.parse(r.getString("validFrom"))));
    }
    return new Statement(
        o.getString("partyId"),
        YearMonth.parse(o.getString("period")),
        currency,
        units(o.getString("openingBalance"), currency),
        lines,
        units(o.getString("earnings"), currency),
        adjustments,
        units(o.getString("adjustments"), currency),
        units(o.getString("reserveReleased"), currency),
        units(o.getString("reserveHeld"), currency),
        units(o.getString("minimumPayout"), currency),
        units(o.getString("payout"), currency),
        units(o.getString("closingBalance"), currency),
        rates,
        o.getJsonNumber("policyVersion").longValue());
  }

  private static long units(String amount, Currency currency) {
    return new BigDecimal(amount)
        .movePointRight(currency.getDefaultFractionDigits())
        .longValueExact();
  }
}
