package io.stave.infrastructure.persistence;

import javax.sql.DataSource;

/**
 * The catalogue tables, one repository per aggregate: recordings (with their credits), parties,
 * releases, deals, consents and split sheets. Writes take the caller's connection so a whole feed
 * message commits or rolls back together; the reads serve the cluster's map loaders, in bulk, keyed
 * the way the maps are.
 */
public final class CatalogueRepository {
  private final DataSource dataSource;
  private final RecordingRepository recordings;
  private final PartyRepository parties = new PartyRepository();
  private final ReleaseRepository releases = new ReleaseRepository();
  private final DealRepository deals;
  private final ConsentRepository consents;
  private final SplitSheetRepository splitSheets;

  public CatalogueRepository(DataSource dataSource) {
    this.dataSource = dataSource;
    this.recordings = new RecordingRepository(dataSource);
    this.deals = new DealRepository(dataSource, releases);
    this.consents = new ConsentRepository(dataSource);
    this.splitSheets = new SplitSheetRepository(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public RecordingRepository recordings() {
    return recordings;
  }

  public PartyRepository parties() {
    return parties;
  }

  public ReleaseRepository releases() {
    return releases;
  }

  public DealRepository deals() {
    return deals;
  }

  public ConsentRepository consents() {
    return consents;
  }

  public SplitSheetRepository splitSheets() {
    return splitSheets;
  }
}
