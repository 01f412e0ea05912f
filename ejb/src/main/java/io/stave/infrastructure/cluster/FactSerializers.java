package io.stave.infrastructure.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How the fact maps' values travel and rest in Hazelcast: field by field, rebuilt through the
 * domain constructors (so a value read back is checked like one read from the database). Java
 * serialization, Hazelcast's fallback, wrote every class descriptor into every entry: a recording's
 * deal list was mostly descriptors, and reading it back was 3 % of a feed's CPU.
 *
 * <p>Every field of a value is written; {@code FactSerializersTest} reads each one back and
 * compares every field, so a field added to a domain class without a line here fails the build
 * instead of vanishing in the cluster.
 */
public final class FactSerializers {
  private static final int RECORDING = 1001;
  private static final int DEAL = 1002;
  private static final int CONSENT = 1003;
  private static final int SPLIT_SHEET = 1004;

  private FactSerializers() {}

  /** Registers the serializers of the four fact maps' values. */
  public static void register(Config config) {
    config
        .getSerializationConfig()
        .addSerializerConfig(
            new SerializerConfig().setTypeClass(Recording.class).setImplementation(RECORDINGS))
        .addSerializerConfig(
            new SerializerConfig().setTypeClass(Deal.class).setImplementation(DEALS))
        .addSerializerConfig(
            new SerializerConfig().setTypeClass(Consent.class).setImplementation(CONSENTS))
        .addSerializerConfig(
            new SerializerConfig().setTypeClass(SplitSheet.class).setImplementation(SPLIT_SHEETS));
  }

  static final StreamSerializer<Recording> RECORDINGS =
      new Serializer<>(RECORDING) {
        @Override
        public void write(ObjectDataOutput out, Recording recording) throws IOException {
          out.writeString(recording.getIsrc().code());
          out.writeString(recording.getTitle());
          out.writeString(recording.getDisplayArtist());
          writeStrings(out, recording.getMainArtistIds());
          out.writeString(recording.getLabelId());
          out.writeString(recording.getRightsControllerId());
          out.writeString(recording.getPLine());
        }

        @Override
        public Recording read(ObjectDataInput in) throws IOException {
          return new Recording(
              Isrc.of(in.readString()),
              in.readString(),
              in.readString(),
              readList(in, Function.identity()),
              in.readString(),
              in.readString(),
              in.readString());
        }
      };

  static final StreamSerializer<Deal> DEALS =
      new Serializer<>(DEAL) {
        @Override
        public void write(ObjectDataOutput out, Deal deal) throws IOException {
          out.writeString(deal.getDealId());
          out.writeString(deal.getLicensorId());
          writeStrings(out, deal.getRecordings().stream().map(Isrc::code).toList());
          writeStrings(out, deal.getTerritories().stream().map(Territory::code).toList());
          writeStrings(out, deal.getExcludedTerritories().stream().map(Territory::code).toList());
          writeInstant(out, deal.getValidFrom());
          writeInstant(out, deal.getValidUntil());
          writeStrings(out, deal.getAiUseTypes().stream().map(UseType::name).toList());
          writeStrings(out, deal.getDdexUseTypes());
          out.writeString(deal.getCommercialModel());
          Integer excerpt = deal.getMaxExcerptSeconds();
          out.writeInt(excerpt == null ? -1 : excerpt);
        }

        @Override
        public Deal read(ObjectDataInput in) throws IOException {
          String dealId = in.readString();
          String licensorId = in.readString();
          Set<Isrc> recordings = readSet(in, Isrc::of);
          Set<Territory> territories = readSet(in, Territory::of);
          Set<Territory> excluded = readSet(in, Territory::of);
          Instant validFrom = readInstant(in);
          Instant validUntil = readInstant(in);
          Set<UseType> aiUseTypes = readSet(in, UseType::valueOf);
          Set<String> ddexUseTypes = readSet(in, Function.identity());
          String commercialModel = in.readString();
          int excerpt = in.readInt();
          return new Deal(
              dealId,
              licensorId,
              recordings,
              territories,
              excluded,
              validFrom,
              validUntil,
              aiUseTypes,
              ddexUseTypes,
              commercialModel,
              excerpt < 0 ? null : excerpt);
        }
      };

  static final StreamSerializer<Consent> CONSENTS =
      new Serializer<>(CONSENT) {
        @Override
        public void write(ObjectDataOutput out, Consent consent) throws IOException {
          out.writeString(consent.consentId());
          out.writeString(consent.artistId());
          out.writeString(consent.useType().name());
          out.writeString(consent.choice().name());
          writeInstant(out, consent.effectiveFrom());
          out.writeString(consent.source());
          writeInstant(out, consent.recordedAt());
        }

        @Override
        public Consent read(ObjectDataInput in) throws IOException {
          return new Consent(
              in.readString(),
              in.readString(),
              UseType.valueOf(in.readString()),
              ConsentChoice.valueOf(in.readString()),
              readInstant(in),
              in.readString(),
              readInstant(in));
        }
      };

  static final StreamSerializer<SplitSheet> SPLIT_SHEETS =
      new Serializer<>(SPLIT_SHEET) {
        @Override
        public void write(ObjectDataOutput out, SplitSheet sheet) throws IOException {
          out.writeString(sheet.getSplitId());
          out.writeString(sheet.getIsrc().code());
          out.writeString(sheet.getUseType().map(UseType::name).orElse(null));
          out.writeInt(sheet.getShares().size());
          for (Share share : sheet.getShares()) {
            out.writeString(share.partyId());
            out.writeString(share.role());
            out.writeString(share.percent().value().toPlainString());
          }
        }

        @Override
        public SplitSheet read(ObjectDataInput in) throws IOException {
          String splitId = in.readString();
          Isrc isrc = Isrc.of(in.readString());
          String useType = in.readString();
          int count = in.readInt();
          List<Share> shares = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            shares.add(
                new Share(
                    in.readString(),
                    in.readString(),
                    new Percent(new BigDecimal(in.readString()))));
          }
          return new SplitSheet(
              splitId, isrc, useType == null ? null : UseType.valueOf(useType), shares);
        }
      };

  /** A value serializer with its type id; Hazelcast asks for nothing else. */
  private abstract static class Serializer<T> implements StreamSerializer<T> {
    private final int typeId;

    Serializer(int typeId) {
      this.typeId = typeId;
    }

    @Override
    public int getTypeId() {
      return typeId;
    }
  }

  private static void writeStrings(ObjectDataOutput out, Collection<String> values)
      throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      out.writeString(value);
    }
  }

  private static <T> List<T> readList(ObjectDataInput in, Function<String, T> parse)
      throws IOException {
    int count = in.readInt();
    List<T> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(parse.apply(in.readString()));
    }
    return values;
  }

  private static <T> Set<T> readSet(ObjectDataInput in, Function<String, T> parse)
      throws IOException {
    return new HashSet<>(readList(in, parse));
  }

  private static void writeInstant(ObjectDataOutput out, Instant instant) throws IOException {
    out.writeBoolean(instant != null);
    if (instant != null) {
      out.writeLong(instant.getEpochSecond());
      out.writeInt(instant.getNano());
    }
  }

  private static Instant readInstant(ObjectDataInput in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
