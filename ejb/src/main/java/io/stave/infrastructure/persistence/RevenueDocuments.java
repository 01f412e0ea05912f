package io.stave.infrastructure.persistence;

import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.PoolResult;
import io.stave.rules.revenue.Statement;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;

/** Statements and period summaries as JSON documents in the database, and back. */
public final class RevenueDocuments {
  // Statements themselves are written and read by io.stave.application.revenue.StatementDocument.
  private static final JsonProvider JSON = JsonProvider.provider();

  private RevenueDocuments() {}

  /** The period's pools, rate card and retained money, and its statements' totals. */
  public static String summary(
      PeriodRevenue.Allocation allocation, List<Statement> statements, Map<String, Long> byModel) {
    JsonArrayBuilder pools = JSON.createArrayBuilder();
    for (PoolResult p : allocation.pools()) {
      pools.add(
          JSON.createObjectBuilder()
              .add("pool", p.pool())
              .add("currency", p.funded().currency().getCurrencyCode())
              .add("funded", p.funded().asDecimal().toPlainString())
              .add("fromFallback", p.fromFallback().asDecimal().toPlainString())
              .add("passedOn", p.passedOn().asDecimal().toPlainString())
              .add("paid", p.paid().asDecimal().toPlainString())
              .add("unallocated", p.unallocated().asDecimal().toPlainString()));
    }
    JsonArrayBuilder rateCard = JSON.createArrayBuilder();
    allocation
        .rateCard()
        .forEach(
            (c, m) ->
                rateCard.add(
                    JSON.createObjectBuilder()
                        .add("currency", c.getCurrencyCode())
                        .add("charged", m.asDecimal().toPlainString())));
    JsonArrayBuilder retained = JSON.createArrayBuilder();
    allocation
        .retained()
        .forEach(
            (c, m) ->
                retained.add(
                    JSON.createObjectBuilder()
                        .add("currency", c.getCurrencyCode())
                        .add("retained", m.asDecimal().toPlainString())));
    JsonObjectBuilder totals = JSON.createObjectBuilder();
    if (!statements.isEmpty()) {
      Statement first = statements.get(0);
      long earnings = statements.stream().mapToLong(Statement::earnings).sum();
      long payout = statements.stream().mapToLong(Statement::payout).sum();
      long carried = statements.stream().mapToLong(Statement::closing).sum();
      long reserve = statements.stream().mapToLong(Statement::reserveHeld).sum();
      totals
          .add("currency", first.currency().getCurrencyCode())
          .add("earnings", first.format(earnings))
          .add("payout", first.format(payout))
          .add("carriedForward", first.format(carried))
          .add("reserveHeld", first.format(reserve));
    }
    JsonObjectBuilder models = JSON.createObjectBuilder();
    byModel.forEach((model, units) -> models.add(model, units));
    return JSON.createObjectBuilder()
        .add("pools", pools)
        .add("rateCard", rateCard)
        .add("retained", retained)
        .add("statements", statements.size())
        .add("statementTotals", totals)
        .add("earnedMinorUnitsByModel", models)
        .build()
        .toString();
  }
}
