-- Transparent revenue (issue 13): usage events reported against decisions, accounting periods and
-- their close, statements per payee, exchange rates supplied as data, and corrections.

-- One row: the last closed period. A usage write locks it (FOR UPDATE) while it books events, and
-- a close updates it, so no event is booked into a period once its close has begun.
CREATE TABLE revenue_book (
    id            INT         NOT NULL PRIMARY KEY,
    last_closed   VARCHAR(7)             -- 'YYYY-MM', NULL before the first close
);
INSERT INTO revenue_book (id, last_closed) VALUES (1, NULL);

CREATE TABLE usage_event (
    principal      VARCHAR(128)  NOT NULL,  -- the feature client that reported it
    event_id       VARCHAR(200)  NOT NULL,  -- the client's id: a resend is a duplicate
    decision_id    VARCHAR(36)   NOT NULL,
    feature        VARCHAR(100)  NOT NULL,
    use_type       VARCHAR(32)   NOT NULL,
    isrc           VARCHAR(12)   NOT NULL,
    territory      VARCHAR(16)   NOT NULL,
    unit           VARCHAR(8)    NOT NULL,
    quantity       BIGINT        NOT NULL,
    amount_minor   BIGINT,
    currency       CHAR(3),
    attribution    DECIMAL(7, 6),
    used_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    usage_period   VARCHAR(7)    NOT NULL,  -- the month of used_from (UTC)
    booked_period  VARCHAR(7)    NOT NULL,  -- the usage month, or the first open one after it
    split          TEXT          NOT NULL,  -- the split the decision named
    content_hash   VARCHAR(64)   NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- event_id first: a batch's duplicate check is "event_id IN (…)", which H2 answers from the
    -- index only when the list is on the key's first column (the other order scanned the table).
    PRIMARY KEY (event_id, principal)
);
CREATE INDEX usage_event_by_booked_period ON usage_event (booked_period);

CREATE TABLE revenue_period (
    period          VARCHAR(7)    NOT NULL PRIMARY KEY,
    status          VARCHAR(8)    NOT NULL,  -- CLOSING (begun, events frozen), CLOSED (final)
    closing_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE,
    closed_by       VARCHAR(128)  NOT NULL,
    policy_version  BIGINT,
    events          BIGINT,
    summary         TEXT,                    -- pools, rate card, retained (JSON)
    CONSTRAINT revenue_period_status_known CHECK (status IN ('CLOSING', 'CLOSED'))
);

CREATE TABLE statement (
    period           VARCHAR(7)    NOT NULL,
    party_id         VARCHAR(200)  NOT NULL,
    currency         CHAR(3)       NOT NULL,
    opening          BIGINT        NOT NULL,
    earnings         BIGINT        NOT NULL,
    adjustments      BIGINT        NOT NULL,
    reserve_released BIGINT        NOT NULL,
    reserve_held     BIGINT        NOT NULL,
    payout           BIGINT        NOT NULL,
    closing          BIGINT        NOT NULL,
    document         TEXT          NOT NULL,  -- the whole statement with its lines (JSON)
    PRIMARY KEY (period, party_id)
);
CREATE INDEX statement_by_party ON statement (party_id, period);

-- Where each payee stands after its latest statement: the next statement's opening balance and
-- the reserve it releases.
CREATE TABLE payee_balance (
    party_id      VARCHAR(200)  NOT NULL PRIMARY KEY,
    period        VARCHAR(7)    NOT NULL,
    closing       BIGINT        NOT NULL,
    reserve_held  BIGINT        NOT NULL
);

CREATE TABLE fx_rate (
    from_currency  CHAR(3)         NOT NULL,
    to_currency    CHAR(3)         NOT NULL,
    valid_from     DATE            NOT NULL,
    rate           DECIMAL(24, 12) NOT NULL,
    uploaded_by    VARCHAR(128)    NOT NULL,
    uploaded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (from_currency, to_currency, valid_from)
);

CREATE TABLE revenue_adjustment (
    adjustment_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    party_id       VARCHAR(200)  NOT NULL,
    amount_minor   BIGINT        NOT NULL,  -- signed, in the statement currency
    currency       CHAR(3)       NOT NULL,
    reason         VARCHAR(1000) NOT NULL,
    refers_to      VARCHAR(7),
    booked_period  VARCHAR(7),               -- set by the close that takes it
    created_by     VARCHAR(128)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revenue_adjustment_unbooked ON revenue_adjustment (booked_period);
