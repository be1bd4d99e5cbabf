-- journey: the SQL behind `journey report`, generated 2026-01-15T12:00:00.000Z
-- Intervals (Wilson, adjusted-Wald NPS, t) and flags are computed from these aggregates by journey itself.
-- The pseudonymisation key is not printed; this placeholder key gives other customer keys but the same KPIs.
SET VARIABLE journey_hmac_ipad = from_hex(repeat('36', 64));
SET VARIABLE journey_hmac_opad = from_hex(repeat('5c', 64));

SET TimeZone = 'Europe/Amsterdam';
CREATE TABLE "src_1" AS
WITH raw AS (
  SELECT "date" AS "date__raw",
         "channel" AS "channel__raw",
         "campaign" AS "campaign__raw",
         "impressions" AS "impressions__raw",
         "reach" AS "reach__raw",
         "sends" AS "sends__raw",
         "delivered" AS "delivered__raw",
         "opens" AS "opens__raw",
         "clicks" AS "clicks__raw",
         "engagements" AS "engagements__raw",
         "spend" AS "spend__raw",
         NULL::VARCHAR AS "stage__raw",
         NULL::VARCHAR AS "touchpoint__raw"
  FROM read_csv('<ROOT>/fixtures/demo/campaigns.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\n',
    columns = {'date': 'VARCHAR', 'channel': 'VARCHAR', 'campaign': 'VARCHAR', 'impressions': 'VARCHAR', 'reach': 'VARCHAR', 'sends': 'VARCHAR', 'delivered': 'VARCHAR', 'opens': 'VARCHAR', 'clicks': 'VARCHAR', 'engagements': 'VARCHAR', 'spend': 'VARCHAR'},
    store_rejects = true, rejects_table = 'rejects_1', rejects_scan = 'rejects_scan_1')
), read AS (
  SELECT raw.*,
         TRY_CAST("date__raw" AS DATE) AS "date__read",
         TRY_CAST("impressions__raw" AS DOUBLE) AS "impressions__read",
         TRY_CAST("reach__raw" AS DOUBLE) AS "reach__read",
         TRY_CAST("sends__raw" AS DOUBLE) AS "sends__read",
         TRY_CAST("delivered__raw" AS DOUBLE) AS "delivered__read",
         TRY_CAST("opens__raw" AS DOUBLE) AS "opens__read",
         TRY_CAST("clicks__raw" AS DOUBLE) AS "clicks__read",
         TRY_CAST("engagements__raw" AS DOUBLE) AS "engagements__read",
         TRY_CAST("spend__raw" AS DOUBLE) AS "spend__read"
  FROM raw
), typed AS (
  SELECT read.*,
         CASE WHEN "date__read" >= DATE '1900-01-01' THEN "date__read" END AS "date",
         "channel__raw" AS "channel",
         "campaign__raw" AS "campaign",
         CASE WHEN isfinite("impressions__read") THEN "impressions__read" END AS "impressions",
         CASE WHEN isfinite("reach__read") THEN "reach__read" END AS "reach",
         CASE WHEN isfinite("sends__read") THEN "sends__read" END AS "sends",
         CASE WHEN isfinite("delivered__read") THEN "delivered__read" END AS "delivered",
         CASE WHEN isfinite("opens__read") THEN "opens__read" END AS "opens",
         CASE WHEN isfinite("clicks__read") THEN "clicks__read" END AS "clicks",
         CASE WHEN isfinite("engagements__read") THEN "engagements__read" END AS "engagements",
         CASE WHEN isfinite("spend__read") THEN "spend__read" END AS "spend",
         "stage__raw" AS "stage",
         "touchpoint__raw" AS "touchpoint"
  FROM read
)
SELECT "date",
       "channel",
       "campaign",
       "impressions",
       "reach",
       "sends",
       "delivered",
       "opens",
       "clicks",
       "engagements",
       "spend",
       "stage",
       "touchpoint",
       CASE WHEN CASE WHEN "date__raw" = 'date' THEN CASE WHEN "channel__raw" = 'channel' THEN CASE WHEN "campaign__raw" = 'campaign' THEN "impressions__raw" = 'impressions' ELSE false END ELSE false END ELSE false END THEN '(repeated header)' || 'repeated header row (were two exports pasted together?); not data'
         WHEN CASE WHEN "date__raw" IS NULL THEN true WHEN "date" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("date__raw"))) ELSE false END THEN 'date' || 'required value is empty'
         WHEN "channel__raw" IS NULL THEN 'channel' || 'required value is empty'
         WHEN CASE WHEN "date__raw" IS NOT NULL AND "date" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("date__raw"))) ELSE false END THEN 'date' || CASE WHEN regexp_full_match(trim("date__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("date__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "date__raw" || '"' WHEN regexp_full_match("date__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("date__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("date__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date (use YYYY-MM-DD)' END
         WHEN CASE WHEN "impressions__raw" IS NOT NULL AND ("impressions" IS NULL OR "impressions" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("impressions__raw"))) ELSE false END THEN 'impressions' || CASE WHEN regexp_full_match(trim("impressions__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("impressions__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "impressions__raw" || '"' WHEN regexp_full_match("impressions__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("impressions__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "reach__raw" IS NOT NULL AND ("reach" IS NULL OR "reach" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("reach__raw"))) ELSE false END THEN 'reach' || CASE WHEN regexp_full_match(trim("reach__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("reach__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "reach__raw" || '"' WHEN regexp_full_match("reach__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("reach__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "sends__raw" IS NOT NULL AND ("sends" IS NULL OR "sends" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("sends__raw"))) ELSE false END THEN 'sends' || CASE WHEN regexp_full_match(trim("sends__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("sends__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "sends__raw" || '"' WHEN regexp_full_match("sends__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("sends__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "delivered__raw" IS NOT NULL AND ("delivered" IS NULL OR "delivered" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("delivered__raw"))) ELSE false END THEN 'delivered' || CASE WHEN regexp_full_match(trim("delivered__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("delivered__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "delivered__raw" || '"' WHEN regexp_full_match("delivered__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("delivered__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "opens__raw" IS NOT NULL AND ("opens" IS NULL OR "opens" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("opens__raw"))) ELSE false END THEN 'opens' || CASE WHEN regexp_full_match(trim("opens__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("opens__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "opens__raw" || '"' WHEN regexp_full_match("opens__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("opens__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "clicks__raw" IS NOT NULL AND ("clicks" IS NULL OR "clicks" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("clicks__raw"))) ELSE false END THEN 'clicks' || CASE WHEN regexp_full_match(trim("clicks__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("clicks__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "clicks__raw" || '"' WHEN regexp_full_match("clicks__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("clicks__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "engagements__raw" IS NOT NULL AND ("engagements" IS NULL OR "engagements" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("engagements__raw"))) ELSE false END THEN 'engagements' || CASE WHEN regexp_full_match(trim("engagements__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("engagements__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "engagements__raw" || '"' WHEN regexp_full_match("engagements__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("engagements__raw") || ' characters)' END || ' is not a non-negative number'
         WHEN CASE WHEN "spend__raw" IS NOT NULL AND ("spend" IS NULL OR "spend" < 0) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("spend__raw"))) ELSE false END THEN 'spend' || CASE WHEN regexp_full_match(trim("spend__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("spend__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "spend__raw" || '"' WHEN regexp_full_match("spend__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("spend__raw") || ' characters)' END || ' is not a non-negative number' END AS _reject
FROM typed;
CREATE TABLE "src_2" AS
WITH raw AS (
  SELECT CASE WHEN length("order_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("order_id"))) THEN NULL ELSE "order_id" END AS "order_id__raw",
         CASE WHEN length("customer_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("customer_id"))) THEN NULL ELSE "customer_id" END AS "customer_id__raw",
         "email" AS "email__raw",
         "ordered_at" AS "ordered_at__raw",
         "amount" AS "amount__raw",
         "currency" AS "currency__raw",
         "status" AS "status__raw",
         "channel" AS "channel__raw",
         NULL::VARCHAR AS "stage__raw",
         NULL::VARCHAR AS "touchpoint__raw"
  FROM read_csv('<ROOT>/fixtures/demo/orders.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\n',
    columns = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'email': 'VARCHAR', 'ordered_at': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR', 'status': 'VARCHAR', 'channel': 'VARCHAR'},
    store_rejects = true, rejects_table = 'rejects_2', rejects_scan = 'rejects_scan_2')
), read AS (
  SELECT raw.*,
         TRY_CAST("ordered_at__raw" AS TIMESTAMPTZ) AS "ordered_at__read",
         TRY_CAST("amount__raw" AS DOUBLE) AS "amount__read"
  FROM raw
), typed AS (
  SELECT read.*,
         "order_id__raw" AS "order_id",
         "customer_id__raw" AS "customer_id",
         "email__raw" AS "email",
         CASE WHEN "ordered_at__read" >= TIMESTAMPTZ '1900-01-01' THEN "ordered_at__read" END AS "ordered_at",
         CASE WHEN isfinite("amount__read") THEN "amount__read" END AS "amount",
         "currency__raw" AS "currency",
         "status__raw" AS "status",
         "channel__raw" AS "channel",
         "stage__raw" AS "stage",
         "touchpoint__raw" AS "touchpoint"
  FROM read
)
SELECT "order_id",
       "ordered_at",
       "amount",
       "currency",
       lower(trim("status")) AS "status",
       "channel",
       "stage",
       "touchpoint",
       coalesce("customer_id", CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END) AS customer_key,
       CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END AS _email_key,
       CASE WHEN CASE WHEN "order_id__raw" = 'order_id' THEN CASE WHEN "customer_id__raw" = 'customer_id' THEN CASE WHEN "email__raw" = 'email' THEN "ordered_at__raw" = 'ordered_at' ELSE false END ELSE false END ELSE false END THEN '(repeated header)' || 'repeated header row (were two exports pasted together?); not data'
         WHEN "order_id__raw" IS NULL THEN 'order_id' || 'required value is empty'
         WHEN CASE WHEN "ordered_at__raw" IS NULL THEN true WHEN "ordered_at" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("ordered_at__raw"))) ELSE false END THEN 'ordered_at' || 'required value is empty'
         WHEN CASE WHEN "amount__raw" IS NULL THEN true WHEN "amount" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("amount__raw"))) ELSE false END THEN 'amount' || 'required value is empty'
         WHEN CASE WHEN "ordered_at__raw" IS NOT NULL AND "ordered_at" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("ordered_at__raw"))) ELSE false END THEN 'ordered_at' || CASE WHEN regexp_full_match(trim("ordered_at__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("ordered_at__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "ordered_at__raw" || '"' WHEN regexp_full_match("ordered_at__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("ordered_at__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("ordered_at__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END
         WHEN CASE WHEN "amount__raw" IS NOT NULL AND "amount" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("amount__raw"))) ELSE false END THEN 'amount' || CASE WHEN regexp_full_match(trim("amount__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("amount__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "amount__raw" || '"' WHEN regexp_full_match("amount__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("amount__raw") || ' characters)' END || ' is not a number (use a decimal point, e.g. 129.95)'
         WHEN "status__raw" IS NOT NULL AND NOT list_contains(['paid', 'pending', 'cancelled', 'refunded'], lower(trim("status__raw"))) THEN 'status' || 'status "' || left(trim("status__raw"), 40) || '" is not one of paid, pending, cancelled, refunded; map it under values:' END AS _reject
FROM typed;
CREATE TABLE "src_3" AS
WITH raw AS (
  SELECT CASE WHEN length("response_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("response_id"))) THEN NULL ELSE "response_id" END AS "response_id__raw",
         CASE WHEN length("customer_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("customer_id"))) THEN NULL ELSE "customer_id" END AS "customer_id__raw",
         "email" AS "email__raw",
         "submitted_at" AS "submitted_at__raw",
         "stage" AS "stage__raw",
         "touchpoint" AS "touchpoint__raw",
         "channel" AS "channel__raw",
         "nps" AS "nps__raw",
         "ces" AS "ces__raw",
         "csat" AS "csat__raw",
         "comment" AS "comment__raw",
         "agent" AS "agent"
  FROM read_csv('<ROOT>/fixtures/demo/surveys.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\n',
    columns = {'response_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'email': 'VARCHAR', 'submitted_at': 'VARCHAR', 'stage': 'VARCHAR', 'touchpoint': 'VARCHAR', 'channel': 'VARCHAR', 'nps': 'VARCHAR', 'ces': 'VARCHAR', 'csat': 'VARCHAR', 'comment': 'VARCHAR', 'agent': 'VARCHAR'},
    store_rejects = true, rejects_table = 'rejects_3', rejects_scan = 'rejects_scan_3')
), read AS (
  SELECT raw.*,
         TRY_CAST("submitted_at__raw" AS TIMESTAMPTZ) AS "submitted_at__read",
         TRY_CAST("nps__raw" AS DOUBLE) AS "nps__read",
         TRY_CAST("ces__raw" AS DOUBLE) AS "ces__read",
         TRY_CAST("csat__raw" AS DOUBLE) AS "csat__read"
  FROM raw
), typed AS (
  SELECT read.*,
         "response_id__raw" AS "response_id",
         "customer_id__raw" AS "customer_id",
         "email__raw" AS "email",
         CASE WHEN "submitted_at__read" >= TIMESTAMPTZ '1900-01-01' THEN "submitted_at__read" END AS "submitted_at",
         "stage__raw" AS "stage",
         "touchpoint__raw" AS "touchpoint",
         "channel__raw" AS "channel",
         CASE WHEN isfinite("nps__read") THEN "nps__read" END AS "nps",
         CASE WHEN isfinite("ces__read") THEN "ces__read" END AS "ces",
         CASE WHEN isfinite("csat__read") THEN "csat__read" END AS "csat",
         "comment__raw" AS "comment"
  FROM read
)
SELECT "response_id",
       "submitted_at",
       "stage",
       "touchpoint",
       "channel",
       CAST("nps" AS INTEGER) AS "nps",
       CAST("ces" AS INTEGER) AS "ces",
       CAST("csat" AS INTEGER) AS "csat",
       "comment",
       coalesce("customer_id", CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END) AS customer_key,
       CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END AS _email_key,
       "agent",
       CASE WHEN CASE WHEN "response_id__raw" = 'response_id' THEN CASE WHEN "customer_id__raw" = 'customer_id' THEN CASE WHEN "email__raw" = 'email' THEN "submitted_at__raw" = 'submitted_at' ELSE false END ELSE false END ELSE false END THEN '(repeated header)' || 'repeated header row (were two exports pasted together?); not data'
         WHEN "response_id__raw" IS NULL THEN 'response_id' || 'required value is empty'
         WHEN CASE WHEN "submitted_at__raw" IS NULL THEN true WHEN "submitted_at" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("submitted_at__raw"))) ELSE false END THEN 'submitted_at' || 'required value is empty'
         WHEN CASE WHEN "submitted_at__raw" IS NOT NULL AND "submitted_at" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("submitted_at__raw"))) ELSE false END THEN 'submitted_at' || CASE WHEN regexp_full_match(trim("submitted_at__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("submitted_at__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "submitted_at__raw" || '"' WHEN regexp_full_match("submitted_at__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("submitted_at__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("submitted_at__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END
         WHEN CASE WHEN "nps__raw" IS NOT NULL AND ("nps" IS NULL OR "nps" <> floor("nps") OR "nps" < 0 OR "nps" > 10) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("nps__raw"))) ELSE false END THEN 'nps' || CASE WHEN regexp_full_match(trim("nps__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("nps__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "nps__raw" || '"' WHEN regexp_full_match("nps__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("nps__raw") || ' characters)' END || ' is not a whole number from 0 to 10'
         WHEN CASE WHEN "ces__raw" IS NOT NULL AND ("ces" IS NULL OR "ces" <> floor("ces") OR "ces" < 1 OR "ces" > 7) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("ces__raw"))) ELSE false END THEN 'ces' || CASE WHEN regexp_full_match(trim("ces__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("ces__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "ces__raw" || '"' WHEN regexp_full_match("ces__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("ces__raw") || ' characters)' END || ' is not a whole number from 1 to 7'
         WHEN CASE WHEN "csat__raw" IS NOT NULL AND ("csat" IS NULL OR "csat" <> floor("csat") OR "csat" < 1 OR "csat" > 5) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("csat__raw"))) ELSE false END THEN 'csat' || CASE WHEN regexp_full_match(trim("csat__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("csat__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "csat__raw" || '"' WHEN regexp_full_match("csat__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("csat__raw") || ' characters)' END || ' is not a whole number from 1 to 5' END AS _reject
FROM typed;
CREATE TABLE "src_4" AS
WITH raw AS (
  SELECT CASE WHEN length("ticket_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("ticket_id"))) THEN NULL ELSE "ticket_id" END AS "ticket_id__raw",
         CASE WHEN length("customer_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("customer_id"))) THEN NULL ELSE "customer_id" END AS "customer_id__raw",
         "email" AS "email__raw",
         "created_at" AS "created_at__raw",
         "first_response_at" AS "first_response_at__raw",
         "solved_at" AS "solved_at__raw",
         "status" AS "status__raw",
         "channel" AS "channel__raw",
         NULL::VARCHAR AS "stage__raw",
         "touchpoint" AS "touchpoint__raw",
         "replies" AS "replies__raw",
         "reopens" AS "reopens__raw",
         "csat" AS "csat__raw",
         "subject" AS "subject__raw"
  FROM read_csv('<ROOT>/fixtures/demo/tickets.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\n',
    columns = {'ticket_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'email': 'VARCHAR', 'created_at': 'VARCHAR', 'first_response_at': 'VARCHAR', 'solved_at': 'VARCHAR', 'status': 'VARCHAR', 'channel': 'VARCHAR', 'touchpoint': 'VARCHAR', 'replies': 'VARCHAR', 'reopens': 'VARCHAR', 'csat': 'VARCHAR', 'subject': 'VARCHAR'},
    store_rejects = true, rejects_table = 'rejects_4', rejects_scan = 'rejects_scan_4')
), read AS (
  SELECT raw.*,
         TRY_CAST("created_at__raw" AS TIMESTAMPTZ) AS "created_at__read",
         TRY_CAST("first_response_at__raw" AS TIMESTAMPTZ) AS "first_response_at__read",
         TRY_CAST("solved_at__raw" AS TIMESTAMPTZ) AS "solved_at__read",
         TRY_CAST("replies__raw" AS DOUBLE) AS "replies__read",
         TRY_CAST("reopens__raw" AS DOUBLE) AS "reopens__read",
         TRY_CAST("csat__raw" AS DOUBLE) AS "csat__read"
  FROM raw
), typed AS (
  SELECT read.*,
         "ticket_id__raw" AS "ticket_id",
         "customer_id__raw" AS "customer_id",
         "email__raw" AS "email",
         CASE WHEN "created_at__read" >= TIMESTAMPTZ '1900-01-01' THEN "created_at__read" END AS "created_at",
         CASE WHEN "first_response_at__read" >= TIMESTAMPTZ '1900-01-01' THEN "first_response_at__read" END AS "first_response_at",
         CASE WHEN "solved_at__read" >= TIMESTAMPTZ '1900-01-01' THEN "solved_at__read" END AS "solved_at",
         "status__raw" AS "status",
         "channel__raw" AS "channel",
         "stage__raw" AS "stage",
         "touchpoint__raw" AS "touchpoint",
         CASE WHEN isfinite("replies__read") THEN "replies__read" END AS "replies",
         CASE WHEN isfinite("reopens__read") THEN "reopens__read" END AS "reopens",
         CASE WHEN isfinite("csat__read") THEN "csat__read" END AS "csat",
         "subject__raw" AS "subject"
  FROM read
)
SELECT "ticket_id",
       "created_at",
       "first_response_at",
       "solved_at",
       "status",
       "channel",
       "stage",
       "touchpoint",
       CAST("replies" AS INTEGER) AS "replies",
       CAST("reopens" AS INTEGER) AS "reopens",
       CASE WHEN CASE WHEN "csat__raw" IS NOT NULL AND ("csat" IS NULL OR "csat" <> floor("csat") OR "csat" < 1 OR "csat" > 5) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("csat__raw"))) ELSE false END THEN NULL ELSE CAST("csat" AS INTEGER) END AS "csat",
       "subject",
       CASE WHEN CASE WHEN "csat__raw" IS NOT NULL AND ("csat" IS NULL OR "csat" <> floor("csat") OR "csat" < 1 OR "csat" > 5) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("csat__raw"))) ELSE false END THEN left(trim("csat__raw"), 40) END AS "_dropped_csat",
       coalesce("customer_id", CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END) AS customer_key,
       CASE WHEN "email" IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim("email")))))), 32) END AS _email_key,
       CASE WHEN CASE WHEN "ticket_id__raw" = 'ticket_id' THEN CASE WHEN "customer_id__raw" = 'customer_id' THEN CASE WHEN "email__raw" = 'email' THEN "created_at__raw" = 'created_at' ELSE false END ELSE false END ELSE false END THEN '(repeated header)' || 'repeated header row (were two exports pasted together?); not data'
         WHEN "ticket_id__raw" IS NULL THEN 'ticket_id' || 'required value is empty'
         WHEN CASE WHEN "created_at__raw" IS NULL THEN true WHEN "created_at" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("created_at__raw"))) ELSE false END THEN 'created_at' || 'required value is empty'
         WHEN CASE WHEN "created_at__raw" IS NOT NULL AND "created_at" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("created_at__raw"))) ELSE false END THEN 'created_at' || CASE WHEN regexp_full_match(trim("created_at__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("created_at__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "created_at__raw" || '"' WHEN regexp_full_match("created_at__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("created_at__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("created_at__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END
         WHEN CASE WHEN "first_response_at__raw" IS NOT NULL AND "first_response_at" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("first_response_at__raw"))) ELSE false END THEN 'first_response_at' || CASE WHEN regexp_full_match(trim("first_response_at__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("first_response_at__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "first_response_at__raw" || '"' WHEN regexp_full_match("first_response_at__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("first_response_at__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("first_response_at__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END
         WHEN CASE WHEN "solved_at__raw" IS NOT NULL AND "solved_at" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("solved_at__raw"))) ELSE false END THEN 'solved_at' || CASE WHEN regexp_full_match(trim("solved_at__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("solved_at__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "solved_at__raw" || '"' WHEN regexp_full_match("solved_at__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("solved_at__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("solved_at__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END
         WHEN CASE WHEN "replies__raw" IS NOT NULL AND ("replies" IS NULL OR "replies" <> floor("replies") OR "replies" < 0 OR "replies" > 1000000) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("replies__raw"))) ELSE false END THEN 'replies' || CASE WHEN regexp_full_match(trim("replies__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("replies__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "replies__raw" || '"' WHEN regexp_full_match("replies__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("replies__raw") || ' characters)' END || ' is not a whole number from 0 to 1000000'
         WHEN CASE WHEN "reopens__raw" IS NOT NULL AND ("reopens" IS NULL OR "reopens" <> floor("reopens") OR "reopens" < 0 OR "reopens" > 1000000) THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("reopens__raw"))) ELSE false END THEN 'reopens' || CASE WHEN regexp_full_match(trim("reopens__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("reopens__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "reopens__raw" || '"' WHEN regexp_full_match("reopens__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("reopens__raw") || ' characters)' END || ' is not a whole number from 0 to 1000000'
         WHEN solved_at < created_at THEN 'solved_at' || 'solved_at is before created_at'
         WHEN first_response_at < created_at THEN 'first_response_at' || 'first_response_at is before created_at' END AS _reject
FROM typed;
CREATE TABLE "src_5" AS
WITH raw AS (
  SELECT "timestamp" AS "timestamp__raw",
         CASE WHEN length("session_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("session_id"))) THEN NULL ELSE "session_id" END AS "session_id__raw",
         CASE WHEN length("user_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("user_id"))) THEN NULL ELSE "user_id" END AS "user_id__raw",
         CASE WHEN length("customer_id") <= 6 AND list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("customer_id"))) THEN NULL ELSE "customer_id" END AS "customer_id__raw",
         "event" AS "event__raw",
         "page" AS "page__raw",
         "source" AS "source__raw",
         "medium" AS "medium__raw",
         "campaign" AS "campaign__raw",
         NULL::VARCHAR AS "stage__raw",
         NULL::VARCHAR AS "touchpoint__raw"
  FROM read_csv('<ROOT>/fixtures/demo/web_events.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\n',
    columns = {'timestamp': 'VARCHAR', 'session_id': 'VARCHAR', 'user_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'event': 'VARCHAR', 'page': 'VARCHAR', 'source': 'VARCHAR', 'medium': 'VARCHAR', 'campaign': 'VARCHAR'},
    store_rejects = true, rejects_table = 'rejects_5', rejects_scan = 'rejects_scan_5')
), read AS (
  SELECT raw.*,
         TRY_CAST("timestamp__raw" AS TIMESTAMPTZ) AS "timestamp__read"
  FROM raw
), typed AS (
  SELECT read.*,
         CASE WHEN "timestamp__read" >= TIMESTAMPTZ '1900-01-01' THEN "timestamp__read" END AS "timestamp",
         "session_id__raw" AS "session_id",
         "user_id__raw" AS "user_id",
         "customer_id__raw" AS "customer_id",
         "event__raw" AS "event",
         "page__raw" AS "page",
         "source__raw" AS "source",
         "medium__raw" AS "medium",
         "campaign__raw" AS "campaign",
         "stage__raw" AS "stage",
         "touchpoint__raw" AS "touchpoint"
  FROM read
)
SELECT "timestamp",
       "session_id",
       "user_id",
       "event",
       "page",
       "source",
       "medium",
       "campaign",
       "stage",
       "touchpoint",
       coalesce("customer_id", CASE WHEN NULL IS NOT NULL THEN 'h:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(trim(NULL)))))), 32) END) AS customer_key,
       CASE WHEN CASE WHEN "timestamp__raw" = 'timestamp' THEN CASE WHEN "session_id__raw" = 'session_id' THEN CASE WHEN "user_id__raw" = 'user_id' THEN "customer_id__raw" = 'customer_id' ELSE false END ELSE false END ELSE false END THEN '(repeated header)' || 'repeated header row (were two exports pasted together?); not data'
         WHEN CASE WHEN "timestamp__raw" IS NULL THEN true WHEN "timestamp" IS NULL THEN list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("timestamp__raw"))) ELSE false END THEN 'timestamp' || 'required value is empty'
         WHEN "session_id__raw" IS NULL THEN 'session_id' || 'required value is empty'
         WHEN "event__raw" IS NULL THEN 'event' || 'required value is empty'
         WHEN CASE WHEN "timestamp__raw" IS NOT NULL AND "timestamp" IS NULL THEN NOT list_contains(['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'], lower(trim("timestamp__raw"))) ELSE false END THEN 'timestamp' || CASE WHEN regexp_full_match(trim("timestamp__raw"), '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?') OR regexp_full_match(trim("timestamp__raw"), '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') THEN '"' || "timestamp__raw" || '"' WHEN regexp_full_match("timestamp__raw", '[0-9 .,:+/()-]+') THEN 'a long number (not shown: it may be a phone number)' ELSE 'a text value (' || length("timestamp__raw") || ' characters)' END || CASE WHEN year(TRY_CAST(trim("timestamp__raw") AS TIMESTAMP)) < 1900 THEN ' reads as a year before 1900 (a two-digit year?); write the year with four digits' ELSE ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)' END END AS _reject
FROM typed;
CREATE TABLE identity_rows AS
WITH rows AS (
  SELECT list_filter([{'id': i0, 'rank': (CASE WHEN i0 LIKE 'h:%' THEN 1 ELSE 0 END)::INTEGER}, {'id': i1, 'rank': (1)::INTEGER}], x -> x.id IS NOT NULL) AS ids
  FROM (SELECT r0 AS i0, r1 AS i1
        FROM (SELECT DISTINCT customer_key AS r0, _email_key AS r1 FROM src_2 WHERE _reject IS NULL))
  UNION ALL
  SELECT list_filter([{'id': i0, 'rank': (CASE WHEN i0 LIKE 'h:%' THEN 1 ELSE 0 END)::INTEGER}, {'id': i1, 'rank': (1)::INTEGER}], x -> x.id IS NOT NULL) AS ids
  FROM (SELECT r0 AS i0, r1 AS i1
        FROM (SELECT DISTINCT customer_key AS r0, _email_key AS r1 FROM src_3 WHERE _reject IS NULL))
  UNION ALL
  SELECT list_filter([{'id': i0, 'rank': (CASE WHEN i0 LIKE 'h:%' THEN 1 ELSE 0 END)::INTEGER}, {'id': i1, 'rank': (1)::INTEGER}], x -> x.id IS NOT NULL) AS ids
  FROM (SELECT r0 AS i0, r1 AS i1
        FROM (SELECT DISTINCT customer_key AS r0, _email_key AS r1 FROM src_4 WHERE _reject IS NULL))
  UNION ALL
  SELECT list_filter([{'id': i0, 'rank': (CASE WHEN i0 LIKE 'h:%' THEN 1 ELSE 0 END)::INTEGER}, {'id': i1, 'rank': (2)::INTEGER}], x -> x.id IS NOT NULL) AS ids
  FROM (SELECT r0 AS i0, '@user_id:' || CAST(r1 AS VARCHAR) AS i1
        FROM (SELECT DISTINCT customer_key AS r0, "user_id" AS r1 FROM src_5 WHERE _reject IS NULL))
)
SELECT DISTINCT ids FROM rows WHERE len(ids) > 0;
CREATE TABLE identity_edges AS
SELECT DISTINCT ids[1].id AS a, unnest(ids).id AS b FROM identity_rows;
CREATE TABLE identity_labels AS
SELECT id, min(rank) AS rank, id AS label
FROM (SELECT unnest(ids, recursive := true) FROM identity_rows)
GROUP BY id;
CREATE TABLE identity_shared AS
SELECT e.id FROM (
  SELECT a AS id, b AS other FROM identity_edges WHERE a <> b
  UNION SELECT b, a FROM identity_edges WHERE a <> b
) e JOIN identity_labels o ON o.id = e.other AND o.rank = 0
GROUP BY e.id HAVING count(DISTINCT e.other) > 3;
DELETE FROM identity_edges WHERE a IN (SELECT id FROM identity_shared) OR b IN (SELECT id FROM identity_shared);
CREATE TABLE identity_graph AS
SELECT a, b FROM identity_edges WHERE a <> b
UNION SELECT b, a FROM identity_edges WHERE a <> b;
CREATE OR REPLACE TABLE identity_hooks AS
SELECT a AS x, min(b) AS p FROM identity_graph GROUP BY a HAVING min(b) < a;
CREATE OR REPLACE TABLE identity_labels AS
SELECT l.id, l.rank, coalesce(h.p, l.label) AS label
FROM identity_labels l LEFT JOIN identity_hooks h ON h.x = l.label;
CREATE OR REPLACE TABLE identity_graph AS
SELECT DISTINCT coalesce(ha.p, g.a) AS a, coalesce(hb.p, g.b) AS b
FROM identity_graph g LEFT JOIN identity_hooks ha ON ha.x = g.a LEFT JOIN identity_hooks hb ON hb.x = g.b
WHERE coalesce(ha.p, g.a) <> coalesce(hb.p, g.b);
CREATE OR REPLACE TABLE identity_hooks AS
SELECT a AS x, min(b) AS p FROM identity_graph GROUP BY a HAVING min(b) < a;
CREATE OR REPLACE TABLE identity_labels AS
SELECT l.id, l.rank, coalesce(h.p, l.label) AS label
FROM identity_labels l LEFT JOIN identity_hooks h ON h.x = l.label;
CREATE OR REPLACE TABLE identity_graph AS
SELECT DISTINCT coalesce(ha.p, g.a) AS a, coalesce(hb.p, g.b) AS b
FROM identity_graph g LEFT JOIN identity_hooks ha ON ha.x = g.a LEFT JOIN identity_hooks hb ON hb.x = g.b
WHERE coalesce(ha.p, g.a) <> coalesce(hb.p, g.b);
CREATE OR REPLACE TABLE identity_hooks AS
SELECT a AS x, min(b) AS p FROM identity_graph GROUP BY a HAVING min(b) < a;
CREATE TABLE journey_identity AS
WITH chosen AS (
  SELECT label, arg_min(id, (rank, id)) AS id, min(rank) AS rank, count(*) AS ids
  FROM identity_labels GROUP BY label
)
SELECT l.id AS _identity_id, CASE WHEN c.rank < 2 THEN c.id ELSE 'p:' || left(sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(c.id))))), 32) END AS _person
FROM identity_labels l JOIN chosen c USING (label);
CREATE VIEW "surveys" AS
SELECT * EXCLUDE (_reject, _email_key) FROM "src_3" WHERE _reject IS NULL;
CREATE VIEW "tickets" AS
SELECT * EXCLUDE (_reject, _dropped_csat, _email_key) FROM "src_4" WHERE _reject IS NULL;
CREATE VIEW "orders" AS
SELECT * EXCLUDE (_reject, _email_key) FROM "src_2" WHERE _reject IS NULL;
CREATE VIEW "web_events" AS
SELECT loaded.* REPLACE (coalesce(person._person, loaded.customer_key) AS customer_key)
FROM (
SELECT * EXCLUDE (_reject) FROM "src_5" WHERE _reject IS NULL
) loaded
LEFT JOIN journey_identity person ON person._identity_id = coalesce(customer_key, '@user_id:' || CAST("user_id" AS VARCHAR));
CREATE VIEW "campaigns" AS
SELECT * EXCLUDE (_reject) FROM "src_1" WHERE _reject IS NULL;
SET enable_external_access = false;
SET lock_configuration = true;

CREATE TABLE journey_stages (id VARCHAR, label VARCHAR, ord INTEGER);
INSERT INTO journey_stages VALUES ('awareness', 'Awareness', 0);
INSERT INTO journey_stages VALUES ('consideration', 'Consideration', 1);
INSERT INTO journey_stages VALUES ('purchase', 'Purchase', 2);
INSERT INTO journey_stages VALUES ('service', 'Service', 3);
INSERT INTO journey_stages VALUES ('loyalty', 'Loyalty', 4);
CREATE TABLE journey_touchpoints (id VARCHAR, label VARCHAR, stage VARCHAR, ord INTEGER, moment_of_truth BOOLEAN);
INSERT INTO journey_touchpoints VALUES ('blog', 'Blog & inspiration', 'awareness', 0, false);
INSERT INTO journey_touchpoints VALUES ('product_page', 'Product pages', 'consideration', 1, false);
INSERT INTO journey_touchpoints VALUES ('checkout', 'Checkout', 'purchase', 2, true);
INSERT INTO journey_touchpoints VALUES ('delivery', 'Delivery', 'service', 3, true);
INSERT INTO journey_touchpoints VALUES ('support_contact', 'Customer service', 'service', 4, false);
INSERT INTO journey_touchpoints VALUES ('relationship', 'Relationship survey', 'loyalty', 5, false);
INSERT INTO journey_touchpoints VALUES ('newsletter', 'Newsletter', 'awareness', 6, false);
INSERT INTO journey_touchpoints VALUES ('social', 'Social media', 'awareness', 7, false);
INSERT INTO journey_touchpoints VALUES ('ads', 'Search & display ads', 'awareness', 8, false);
INSERT INTO journey_touchpoints VALUES ('home', 'Home page', 'awareness', 9, false);
INSERT INTO journey_touchpoints VALUES ('test_ride', 'Test ride & brochures', 'consideration', 10, false);
INSERT INTO journey_touchpoints VALUES ('account', 'My account', 'loyalty', 11, false);
CREATE VIEW "mapped_surveys" AS
WITH ruled AS (
  SELECT *, CASE WHEN (touchpoint = 'product_page') THEN 1
              WHEN (touchpoint = 'checkout') THEN 2
              WHEN (touchpoint = 'delivery') THEN 3
              WHEN (touchpoint = 'support_contact') THEN 4
              WHEN (touchpoint = 'relationship') THEN 5 END AS _rule
  FROM "surveys"
)
SELECT ruled.*,
       coalesce(r.id, ruled.touchpoint) AS _touchpoint,
       coalesce(r.stage, d.stage, s.id) AS _stage,
       CAST((channel) AS VARCHAR) AS "_seg_channel",
       CAST((channel = 'web') AS BOOLEAN) AS "_persona_web_shopper",
       CAST((channel = 'app') AS BOOLEAN) AS "_persona_app_regular",
       CAST((channel = 'email') AS BOOLEAN) AS "_persona_store_visitor"
FROM ruled
LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule
LEFT JOIN journey_touchpoints d ON d.id = ruled.touchpoint
LEFT JOIN journey_stages s ON s.id = lower(trim(ruled.stage));
CREATE VIEW "mapped_tickets" AS
WITH ruled AS (
  SELECT *, CASE WHEN (touchpoint IN ('delivery', 'returns')) THEN 3
              WHEN (touchpoint NOT IN ('delivery', 'returns')) THEN 4 END AS _rule
  FROM "tickets"
)
SELECT ruled.*,
       coalesce(r.id, ruled.touchpoint) AS _touchpoint,
       coalesce(r.stage, d.stage, s.id) AS _stage,
       CAST((channel) AS VARCHAR) AS "_seg_channel",
       NULL::BOOLEAN AS "_persona_web_shopper",
       CAST((channel = 'chat') AS BOOLEAN) AS "_persona_app_regular",
       CAST((channel IN ('phone', 'email')) AS BOOLEAN) AS "_persona_store_visitor"
FROM ruled
LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule
LEFT JOIN journey_touchpoints d ON d.id = ruled.touchpoint
LEFT JOIN journey_stages s ON s.id = lower(trim(ruled.stage));
CREATE VIEW "mapped_orders" AS
WITH ruled AS (
  SELECT *, NULL::INTEGER AS _rule
  FROM "orders"
)
SELECT ruled.*,
       coalesce(r.id, ruled.touchpoint) AS _touchpoint,
       coalesce(r.stage, d.stage, s.id) AS _stage,
       CAST((channel) AS VARCHAR) AS "_seg_channel",
       CAST((channel = 'web') AS BOOLEAN) AS "_persona_web_shopper",
       CAST((channel = 'app') AS BOOLEAN) AS "_persona_app_regular",
       CAST((channel = 'store') AS BOOLEAN) AS "_persona_store_visitor"
FROM ruled
LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule
LEFT JOIN journey_touchpoints d ON d.id = ruled.touchpoint
LEFT JOIN journey_stages s ON s.id = lower(trim(ruled.stage));
CREATE VIEW "mapped_web_events" AS
WITH ruled AS (
  SELECT *, CASE WHEN (page LIKE '/blog%') THEN 0
              WHEN (page LIKE '/product/%' OR page LIKE '/fietsen%' OR page LIKE '/accessoires%') THEN 1
              WHEN (page IN ('/winkelwagen', '/checkout', '/checkout/bevestiging') OR event IN ('add_to_cart', 'purchase')) THEN 2
              WHEN (page LIKE '/klantenservice%') THEN 4
              WHEN (page = '/') THEN 9
              WHEN (page LIKE '/proefrit%' OR page LIKE '/downloads%') THEN 10
              WHEN (page LIKE '/account%') THEN 11 END AS _rule
  FROM "web_events"
)
SELECT ruled.*,
       coalesce(r.id, ruled.touchpoint) AS _touchpoint,
       coalesce(r.stage, d.stage, s.id) AS _stage,
       NULL::VARCHAR AS "_seg_channel",
       CAST((medium IN ('organic', 'cpc')) AS BOOLEAN) AS "_persona_web_shopper",
       CAST((source = '(direct)') AS BOOLEAN) AS "_persona_app_regular",
       NULL::BOOLEAN AS "_persona_store_visitor"
FROM ruled
LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule
LEFT JOIN journey_touchpoints d ON d.id = ruled.touchpoint
LEFT JOIN journey_stages s ON s.id = lower(trim(ruled.stage));
CREATE VIEW "mapped_campaigns" AS
WITH ruled AS (
  SELECT *, CASE WHEN (channel = 'email') THEN 6
              WHEN (channel = 'social') THEN 7
              WHEN (channel = 'ads') THEN 8 END AS _rule
  FROM "campaigns"
)
SELECT ruled.*,
       coalesce(r.id, ruled.touchpoint) AS _touchpoint,
       coalesce(r.stage, d.stage, s.id) AS _stage,
       CAST((channel) AS VARCHAR) AS "_seg_channel",
       CAST((channel = 'ads') AS BOOLEAN) AS "_persona_web_shopper",
       NULL::BOOLEAN AS "_persona_app_regular",
       NULL::BOOLEAN AS "_persona_store_visitor"
FROM ruled
LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule
LEFT JOIN journey_touchpoints d ON d.id = ruled.touchpoint
LEFT JOIN journey_stages s ON s.id = lower(trim(ruled.stage));
SET VARIABLE journey_since = coalesce(CAST(NULL AS DATE)::TIMESTAMPTZ, '-infinity'::TIMESTAMPTZ);
SET VARIABLE journey_until = coalesce((CAST(NULL AS DATE) + 1)::TIMESTAMPTZ, 'infinity'::TIMESTAMPTZ);
SET VARIABLE journey_asof = (CAST(NULL AS DATE) + 1)::TIMESTAMPTZ;
SET VARIABLE journey_churn_days = CAST(90 AS INTEGER);

-- KPIs
-- KPIs on surveys: nps, ces
WITH scoped AS (
  SELECT * FROM "mapped_surveys"
  WHERE submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         GROUPING("_stage") AS "_g_stage",
         GROUPING("_touchpoint") AS "_g_touchpoint",
         CAST(count(nps) AS DOUBLE) AS "nps__n",
         CAST(count(*) FILTER (WHERE nps >= 9) AS DOUBLE) AS "nps__promoters",
         CAST(count(*) FILTER (WHERE nps <= 6) AS DOUBLE) AS "nps__detractors",
         CAST(count(ces) AS DOUBLE) AS "ces__n",
         CAST(avg(ces) AS DOUBLE) AS "ces__mean",
         CAST(stddev_samp(ces) AS DOUBLE) AS "ces__sd"
  FROM homed
  GROUP BY GROUPING SETS ((), ("_stage"), ("_stage", "_touchpoint"))
)
SELECT *,
       CAST(100.0 * ("nps__promoters" - "nps__detractors") / nullif("nps__n", 0) AS DOUBLE) AS "nps__value",
       CAST("ces__mean" AS DOUBLE) AS "ces__value"
FROM stats;
-- KPIs on csat_answers: csat
WITH scoped AS (
  SELECT csat, _stage, _touchpoint FROM "mapped_surveys"
  WHERE csat IS NOT NULL AND submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
  UNION ALL
  SELECT csat, _stage, _touchpoint FROM "mapped_tickets"
  WHERE csat IS NOT NULL AND created_at >= getvariable('journey_since') AND created_at < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         GROUPING("_stage") AS "_g_stage",
         GROUPING("_touchpoint") AS "_g_touchpoint",
         CAST(count(csat) AS DOUBLE) AS "csat__n",
         CAST(count(*) FILTER (WHERE csat >= 4) AS DOUBLE) AS "csat__k"
  FROM homed
  GROUP BY GROUPING SETS ((), ("_stage"), ("_stage", "_touchpoint"))
)
SELECT *,
       CAST(100.0 * "csat__k" / nullif("csat__n", 0) AS DOUBLE) AS "csat__value"
FROM stats;
-- KPIs on tickets: fcr, ttr_median_hours, ttr_p90_hours, first_response_median_hours, tickets
WITH scoped AS (
  SELECT *,
         (solved_at IS NOT NULL OR lower(status) IN ('solved', 'closed')) AS _solved,
         (epoch(solved_at) - epoch(created_at)) / 3600.0 AS _ttr_hours,
         (epoch(first_response_at) - epoch(created_at)) / 3600.0 AS _frt_hours
  FROM "mapped_tickets"
  WHERE created_at >= getvariable('journey_since') AND created_at < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         GROUPING("_stage") AS "_g_stage",
         GROUPING("_touchpoint") AS "_g_touchpoint",
         CAST(count(*) FILTER (WHERE _solved) AS DOUBLE) AS "fcr__n",
         CAST(count(*) FILTER (WHERE _solved AND coalesce(replies, 0) <= 1 AND coalesce(reopens, 0) = 0) AS DOUBLE) AS "fcr__k",
         CAST(count(_ttr_hours) AS DOUBLE) AS "ttr_median_hours__n",
         CAST(quantile_cont(_ttr_hours, 0.5) AS DOUBLE) AS "ttr_median_hours__q",
         CAST(count(_ttr_hours) AS DOUBLE) AS "ttr_p90_hours__n",
         CAST(quantile_cont(_ttr_hours, 0.9) AS DOUBLE) AS "ttr_p90_hours__q",
         CAST(count(_frt_hours) AS DOUBLE) AS "first_response_median_hours__n",
         CAST(quantile_cont(_frt_hours, 0.5) AS DOUBLE) AS "first_response_median_hours__q",
         CAST(count(*) AS DOUBLE) AS "tickets__n"
  FROM homed
  GROUP BY GROUPING SETS ((), ("_stage"), ("_stage", "_touchpoint"))
)
SELECT *,
       CAST(100.0 * "fcr__k" / nullif("fcr__n", 0) AS DOUBLE) AS "fcr__value",
       CAST("ttr_median_hours__q" AS DOUBLE) AS "ttr_median_hours__value",
       CAST("ttr_p90_hours__q" AS DOUBLE) AS "ttr_p90_hours__value",
       CAST("first_response_median_hours__q" AS DOUBLE) AS "first_response_median_hours__value",
       CAST("tickets__n" AS DOUBLE) AS "tickets__value"
FROM stats;
-- KPIs on web: sessions, pages_per_session, leads, downloads, conversion_rate, cart_abandonment_rate
WITH scoped AS (
  SELECT session_id, _stage, _touchpoint,
         count(*) FILTER (WHERE event = 'page_view') AS _page_views,
         count(*) FILTER (WHERE event IN ('generate_lead', 'sign_up')) AS _leads,
         count(*) FILTER (WHERE event = 'file_download') AS _downloads,
         bool_or(event = 'purchase') AS _purchased_here,
         bool_or(event = 'add_to_cart') AS _carted_here
  FROM "mapped_web_events"
  WHERE timestamp >= getvariable('journey_since') AND timestamp < getvariable('journey_until')
  GROUP BY ALL
),
homed AS (
  SELECT * FROM scoped
),
units AS (
  SELECT "session_id",
         bool_or(_purchased_here) AS "_session_purchased",
         bool_or(_carted_here) AS "_session_carted",
         sum("_page_views") AS "_page_views",
         sum("_leads") AS "_leads",
         sum("_downloads") AS "_downloads",
         bool_or(_stage = 'awareness') AS "_in__awareness",
         bool_or(_stage = 'consideration') AS "_in__consideration",
         bool_or(_stage = 'loyalty') AS "_in__loyalty",
         bool_or(_stage = 'purchase') AS "_in__purchase",
         bool_or(_stage = 'service') AS "_in__service"
  FROM homed
  GROUP BY "session_id"
),
unit_scopes AS (
  SELECT * FROM homed JOIN (SELECT "session_id", "_session_purchased", "_session_carted" FROM units) USING ("session_id")
  WHERE _touchpoint IS NOT NULL
),
unit_rows AS (
  SELECT NULL AS "_stage", NULL AS "_touchpoint", 1 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", "_page_views" AS "_page_views", "_leads" AS "_leads", "_downloads" AS "_downloads" FROM units
  UNION ALL
  SELECT 'awareness' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", NULL AS "_page_views", NULL AS "_leads", NULL AS "_downloads" FROM units WHERE "_in__awareness"
  UNION ALL
  SELECT 'consideration' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", NULL AS "_page_views", NULL AS "_leads", NULL AS "_downloads" FROM units WHERE "_in__consideration"
  UNION ALL
  SELECT 'loyalty' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", NULL AS "_page_views", NULL AS "_leads", NULL AS "_downloads" FROM units WHERE "_in__loyalty"
  UNION ALL
  SELECT 'purchase' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", NULL AS "_page_views", NULL AS "_leads", NULL AS "_downloads" FROM units WHERE "_in__purchase"
  UNION ALL
  SELECT 'service' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", NULL AS "_page_views", NULL AS "_leads", NULL AS "_downloads" FROM units WHERE "_in__service"
  UNION ALL
  SELECT "_stage" AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", NULL AS "session_id", NULL AS "_session_purchased", NULL AS "_session_carted", sum("_page_views") AS "_page_views", sum("_leads") AS "_leads", sum("_downloads") AS "_downloads" FROM homed GROUP BY "_stage"
  UNION ALL
  SELECT "_stage" AS "_stage", "_touchpoint" AS "_touchpoint", 0 AS "_g_stage", 0 AS "_g_touchpoint", "session_id", "_session_purchased", "_session_carted", "_page_views" AS "_page_views", "_leads" AS "_leads", "_downloads" AS "_downloads" FROM unit_scopes
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         "_g_stage",
         "_g_touchpoint",
         CAST(count(session_id) AS DOUBLE) AS "sessions__n",
         CAST(count(session_id) AS DOUBLE) AS "pages_per_session__n",
         CAST(sum(_page_views) AS DOUBLE) AS "pages_per_session__views",
         CAST(coalesce(sum(_leads), 0) AS DOUBLE) AS "leads__n",
         CAST(coalesce(sum(_downloads), 0) AS DOUBLE) AS "downloads__n",
         CAST(count(session_id) AS DOUBLE) AS "conversion_rate__n",
         CAST(count(session_id) FILTER (WHERE _session_purchased) AS DOUBLE) AS "conversion_rate__k",
         CAST(count(session_id) FILTER (WHERE _session_carted) AS DOUBLE) AS "cart_abandonment_rate__n",
         CAST(count(session_id) FILTER (WHERE _session_carted AND NOT _session_purchased) AS DOUBLE) AS "cart_abandonment_rate__k"
  FROM unit_rows
  GROUP BY "_stage", "_touchpoint", "_g_stage", "_g_touchpoint"
)
SELECT *,
       CAST("sessions__n" AS DOUBLE) AS "sessions__value",
       CAST("pages_per_session__views" / nullif("pages_per_session__n", 0) AS DOUBLE) AS "pages_per_session__value",
       CAST("leads__n" AS DOUBLE) AS "leads__value",
       CAST("downloads__n" AS DOUBLE) AS "downloads__value",
       CAST(100.0 * "conversion_rate__k" / nullif("conversion_rate__n", 0) AS DOUBLE) AS "conversion_rate__value",
       CAST(100.0 * "cart_abandonment_rate__k" / nullif("cart_abandonment_rate__n", 0) AS DOUBLE) AS "cart_abandonment_rate__value"
FROM stats;
-- KPIs on visitors: visitors
WITH scoped AS (
  SELECT user_id, _stage, _touchpoint
  FROM "mapped_web_events"
  WHERE user_id IS NOT NULL AND timestamp >= getvariable('journey_since') AND timestamp < getvariable('journey_until')
  GROUP BY ALL
),
homed AS (
  SELECT * FROM scoped
),
units AS (
  SELECT "user_id",
         bool_or(_stage = 'awareness') AS "_in__awareness",
         bool_or(_stage = 'consideration') AS "_in__consideration",
         bool_or(_stage = 'loyalty') AS "_in__loyalty",
         bool_or(_stage = 'purchase') AS "_in__purchase",
         bool_or(_stage = 'service') AS "_in__service"
  FROM homed
  GROUP BY "user_id"
),
unit_scopes AS (
  SELECT * FROM homed
  WHERE _touchpoint IS NOT NULL
),
unit_rows AS (
  SELECT NULL AS "_stage", NULL AS "_touchpoint", 1 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units
  UNION ALL
  SELECT 'awareness' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units WHERE "_in__awareness"
  UNION ALL
  SELECT 'consideration' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units WHERE "_in__consideration"
  UNION ALL
  SELECT 'loyalty' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units WHERE "_in__loyalty"
  UNION ALL
  SELECT 'purchase' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units WHERE "_in__purchase"
  UNION ALL
  SELECT 'service' AS "_stage", NULL AS "_touchpoint", 0 AS "_g_stage", 1 AS "_g_touchpoint", "user_id" FROM units WHERE "_in__service"
  UNION ALL
  SELECT "_stage" AS "_stage", "_touchpoint" AS "_touchpoint", 0 AS "_g_stage", 0 AS "_g_touchpoint", "user_id" FROM unit_scopes
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         "_g_stage",
         "_g_touchpoint",
         CAST(count(user_id) AS DOUBLE) AS "visitors__n"
  FROM unit_rows
  GROUP BY "_stage", "_touchpoint", "_g_stage", "_g_touchpoint"
)
SELECT *,
       CAST("visitors__n" AS DOUBLE) AS "visitors__value"
FROM stats;
-- KPIs on campaigns: impressions, reach, social_engagement, email_ctr
WITH scoped AS (
  SELECT * FROM "mapped_campaigns"
  WHERE CAST(date AS TIMESTAMPTZ) >= getvariable('journey_since') AND CAST(date AS TIMESTAMPTZ) < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
stats AS (
  SELECT "_stage",
         "_touchpoint",
         GROUPING("_stage") AS "_g_stage",
         GROUPING("_touchpoint") AS "_g_touchpoint",
         CAST(count(impressions) AS DOUBLE) AS "impressions__n",
         CAST(sum(impressions) AS DOUBLE) AS "impressions__total",
         CAST(count(reach) AS DOUBLE) AS "reach__n",
         CAST(sum(reach) AS DOUBLE) AS "reach__total",
         CAST(count(engagements) FILTER (WHERE lower(channel) = 'social') AS DOUBLE) AS "social_engagement__n",
         CAST(sum(engagements) FILTER (WHERE lower(channel) = 'social') AS DOUBLE) AS "social_engagement__total",
         CAST(sum(delivered) FILTER (WHERE lower(channel) = 'email' AND clicks IS NOT NULL) AS DOUBLE) AS "email_ctr__n",
         CAST(sum(clicks) FILTER (WHERE lower(channel) = 'email' AND delivered IS NOT NULL) AS DOUBLE) AS "email_ctr__k"
  FROM homed
  GROUP BY GROUPING SETS ((), ("_stage"), ("_stage", "_touchpoint"))
)
SELECT *,
       CAST("impressions__total" AS DOUBLE) AS "impressions__value",
       CAST("reach__total" AS DOUBLE) AS "reach__value",
       CAST("social_engagement__total" AS DOUBLE) AS "social_engagement__value",
       CAST(100.0 * "email_ctr__k" / nullif("email_ctr__n", 0) AS DOUBLE) AS "email_ctr__value"
FROM stats;
-- KPIs on orders: orders, revenue, aov
WITH scoped AS (
  SELECT *, coalesce(status, 'paid') = 'paid' AS _paid
  FROM "mapped_orders"
  WHERE ordered_at >= getvariable('journey_since') AND ordered_at < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
stats AS (
  SELECT CAST(count(*) FILTER (WHERE _paid) AS DOUBLE) AS "orders__n",
         CAST(count(*) FILTER (WHERE _paid) AS DOUBLE) AS "revenue__n",
         CAST(sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE _paid) AS DOUBLE) AS "revenue__total",
         CAST(count(*) FILTER (WHERE _paid) AS DOUBLE) AS "aov__n",
         CAST(sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE _paid) AS DOUBLE) AS "aov__total"
  FROM homed
  GROUP BY GROUPING SETS (())
)
SELECT *,
       CAST("orders__n" AS DOUBLE) AS "orders__value",
       CAST(round(CAST("revenue__total" AS DECIMAL(38, 6)), 2) AS DOUBLE) AS "revenue__value",
       CAST(round(CAST("aov__total" / nullif("aov__n", 0) AS DECIMAL(38, 6)), 2) AS DOUBLE) AS "aov__value"
FROM stats;
-- KPIs on order_customers: repeat_purchase_rate
WITH scoped AS (
  SELECT * FROM "mapped_orders"
  WHERE coalesce(status, 'paid') = 'paid' AND customer_key IS NOT NULL AND ordered_at >= getvariable('journey_since') AND ordered_at < getvariable('journey_until')
),
homed AS (
  SELECT * FROM scoped
),
per_customer AS (
  SELECT customer_key, count(*) AS paid_orders
  FROM homed
  GROUP BY GROUPING SETS (("customer_key"))
),
stats AS (
  SELECT CAST(count(*) AS DOUBLE) AS "repeat_purchase_rate__n",
         CAST(count(*) FILTER (WHERE paid_orders >= 2) AS DOUBLE) AS "repeat_purchase_rate__k"
  FROM per_customer
  
)
SELECT *,
       CAST(100.0 * "repeat_purchase_rate__k" / nullif("repeat_purchase_rate__n", 0) AS DOUBLE) AS "repeat_purchase_rate__value"
FROM stats;
-- KPIs on churn: churn_rate
WITH paid_all AS (
  SELECT * FROM "mapped_orders"
  WHERE coalesce(status, 'paid') = 'paid'
    AND ordered_at < coalesce(getvariable('journey_asof'), 'infinity'::TIMESTAMPTZ)
),
paid AS (
  SELECT * FROM paid_all WHERE customer_key IS NOT NULL
),
as_of AS (
  SELECT coalesce(getvariable('journey_asof'), max(ordered_at)) AS t FROM paid_all
),
recent AS (
  SELECT DISTINCT customer_key
  FROM paid, as_of
  WHERE ordered_at >= t - to_days(getvariable('journey_churn_days')) AND ordered_at <= t
),
scoped AS (
  SELECT paid.*, recent.customer_key IS NOT NULL AS _recent
  FROM paid CROSS JOIN as_of
  LEFT JOIN recent USING (customer_key)
  WHERE ordered_at >= t - to_days(2 * getvariable('journey_churn_days'))
    AND ordered_at < t - to_days(getvariable('journey_churn_days'))
),
homed AS (
  SELECT * FROM scoped
),
per_customer AS (
  SELECT customer_key, bool_or(_recent) AS active_recently
  FROM homed
  GROUP BY GROUPING SETS (("customer_key"))
),
stats AS (
  SELECT CAST(count(*) AS DOUBLE) AS "churn_rate__n",
         CAST(count(*) FILTER (WHERE NOT active_recently) AS DOUBLE) AS "churn_rate__k"
  FROM per_customer
  
)
SELECT *,
       CAST(100.0 * "churn_rate__k" / nullif("churn_rate__n", 0) AS DOUBLE) AS "churn_rate__value"
FROM stats;

-- friction: csat_answers
-- friction on csat_answers: low_csat per touchpoint; the row with _baseline = 1 is the whole journey
WITH scoped AS (
  SELECT csat, _stage, _touchpoint FROM "mapped_surveys"
  WHERE csat IS NOT NULL AND submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
  UNION ALL
  SELECT csat, _stage, _touchpoint FROM "mapped_tickets"
  WHERE csat IS NOT NULL AND created_at >= getvariable('journey_since') AND created_at < getvariable('journey_until')
)
SELECT _touchpoint,
       GROUPING(_touchpoint) AS _baseline,
       min(_stage) AS _stage,
       CAST(count(*) AS DOUBLE) AS _rows,
       CAST(count(csat) AS DOUBLE) AS "low_csat__n",
       CAST(count(*) FILTER (WHERE csat <= 3) AS DOUBLE) AS "low_csat__k"
FROM scoped
GROUP BY GROUPING SETS ((_touchpoint), ())
ORDER BY _baseline DESC, _touchpoint;
-- friction: surveys
-- friction on surveys: detractors, high_effort per touchpoint; the row with _baseline = 1 is the whole journey
WITH scoped AS (
  SELECT * FROM "mapped_surveys"
  WHERE submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
)
SELECT _touchpoint,
       GROUPING(_touchpoint) AS _baseline,
       min(_stage) AS _stage,
       CAST(count(*) AS DOUBLE) AS _rows,
       CAST(count(nps) AS DOUBLE) AS "detractors__n",
       CAST(count(*) FILTER (WHERE nps <= 6) AS DOUBLE) AS "detractors__k",
       CAST(count(ces) AS DOUBLE) AS "high_effort__n",
       CAST(count(*) FILTER (WHERE ces <= 3) AS DOUBLE) AS "high_effort__k"
FROM scoped
GROUP BY GROUPING SETS ((_touchpoint), ())
ORDER BY _baseline DESC, _touchpoint;
-- friction: web
-- friction on web: drop_off per touchpoint; the row with _baseline = 1 is the whole journey
WITH session_facts AS (
  SELECT session_id, _touchpoint, _stage,
         max(timestamp) AS _last_at,
         bool_or(event = 'purchase') AS _purchased
  FROM "mapped_web_events"
  WHERE timestamp >= getvariable('journey_since') AND timestamp < getvariable('journey_until')
  GROUP BY ALL
),
sessions AS (
  SELECT session_id, max(_last_at) AS _last_at, bool_or(_purchased) AS _purchased
  FROM session_facts
  GROUP BY session_id
),
funnel AS (
  SELECT coalesce(
           (SELECT max(st.ord) FROM session_facts f JOIN journey_stages st ON st.id = f._stage WHERE f._purchased),
           (SELECT ord FROM journey_stages WHERE id = 'purchase'),
           (SELECT max(ord) FROM journey_stages)) AS last_stage
),
session_touchpoints AS (
  SELECT f.session_id, f._touchpoint, f._stage,
         f._last_at = s._last_at AND NOT s._purchased AS _ended_here
  FROM session_facts f
  JOIN sessions s USING (session_id)
  LEFT JOIN journey_stages st ON st.id = f._stage
  CROSS JOIN funnel
  WHERE st.ord IS NULL OR st.ord <= funnel.last_stage
)
SELECT _touchpoint,
       GROUPING(_touchpoint) AS _baseline,
       min(_stage) AS _stage,
       CAST(count(*) AS DOUBLE) AS _rows,
       CAST(count(*) AS DOUBLE) AS "drop_off__n",
       CAST(count(*) FILTER (WHERE _ended_here) AS DOUBLE) AS "drop_off__k"
FROM session_touchpoints
GROUP BY GROUPING SETS ((_touchpoint), ())
ORDER BY _baseline DESC, _touchpoint;
-- friction: tickets
-- friction on tickets: repeat_contact, slow_resolution per touchpoint; the row with _baseline = 1 is the whole journey
WITH scoped AS (
  SELECT *,
         (solved_at IS NOT NULL OR lower(status) IN ('solved', 'closed')) AS _solved,
         (epoch(solved_at) - epoch(created_at)) / 3600.0 AS _ttr_hours,
         (epoch(first_response_at) - epoch(created_at)) / 3600.0 AS _frt_hours
  FROM "mapped_tickets"
  WHERE created_at >= getvariable('journey_since') AND created_at < getvariable('journey_until')
),
threshold AS (
  SELECT quantile_cont(_ttr_hours, 0.5) AS _ttr_median_hours FROM scoped
),
timed AS (
  SELECT * FROM scoped CROSS JOIN threshold
)
SELECT _touchpoint,
       GROUPING(_touchpoint) AS _baseline,
       min(_stage) AS _stage,
       CAST(count(*) AS DOUBLE) AS _rows,
       max(_ttr_median_hours) AS _ttr_median_hours,
       CAST(count(*) FILTER (WHERE _solved) AS DOUBLE) AS "repeat_contact__n",
       CAST(count(*) FILTER (WHERE _solved AND (coalesce(replies, 0) > 1 OR coalesce(reopens, 0) > 0)) AS DOUBLE) AS "repeat_contact__k",
       CAST(count(_ttr_hours) AS DOUBLE) AS "slow_resolution__n",
       CAST(count(*) FILTER (WHERE _ttr_hours > _ttr_median_hours) AS DOUBLE) AS "slow_resolution__k"
FROM timed
GROUP BY GROUPING SETS ((_touchpoint), ())
ORDER BY _baseline DESC, _touchpoint;

-- loyalty beside satisfaction
-- Loyalty beside satisfaction: NPS respondents and satisfied customers linked to their paid orders
WITH nps_all AS (
  SELECT customer_key, nps, submitted_at, response_id, coalesce(_stage, 'loyalty') = 'loyalty' AS relationship
  FROM "mapped_surveys"
  WHERE nps IS NOT NULL AND submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
),
nps_answers AS (
  SELECT * FROM nps_all
  WHERE relationship OR NOT EXISTS (SELECT 1 FROM nps_all WHERE relationship)
),
latest AS (
  SELECT customer_key, arg_max(nps, (submitted_at, response_id)) AS nps
  FROM nps_answers
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
respondents AS (
  SELECT customer_key,
         CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive' ELSE 'detractor' END AS nps_group
  FROM latest
),
csat_answers AS (
    SELECT customer_key, csat FROM "surveys" WHERE csat IS NOT NULL AND submitted_at >= getvariable('journey_since') AND submitted_at < getvariable('journey_until')
    UNION ALL
    SELECT customer_key, csat FROM "tickets" WHERE csat IS NOT NULL AND created_at >= getvariable('journey_since') AND created_at < getvariable('journey_until')
),
satisfied AS (
  SELECT customer_key FROM csat_answers
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
  HAVING min(csat) >= 4
),
known_customers AS (
  SELECT DISTINCT customer_key FROM "orders" WHERE customer_key IS NOT NULL
),
repeat_customers AS (
  WITH scoped AS (
  SELECT * FROM "mapped_orders"
  WHERE coalesce(status, 'paid') = 'paid' AND customer_key IS NOT NULL AND ordered_at >= getvariable('journey_since') AND ordered_at < getvariable('journey_until')
)
  SELECT customer_key, count(*) AS paid_orders FROM scoped GROUP BY customer_key
),
churn_customers AS (
  WITH paid_all AS (
  SELECT * FROM "mapped_orders"
  WHERE coalesce(status, 'paid') = 'paid'
    AND ordered_at < coalesce(getvariable('journey_asof'), 'infinity'::TIMESTAMPTZ)
),
paid AS (
  SELECT * FROM paid_all WHERE customer_key IS NOT NULL
),
as_of AS (
  SELECT coalesce(getvariable('journey_asof'), max(ordered_at)) AS t FROM paid_all
),
recent AS (
  SELECT DISTINCT customer_key
  FROM paid, as_of
  WHERE ordered_at >= t - to_days(getvariable('journey_churn_days')) AND ordered_at <= t
),
scoped AS (
  SELECT paid.*, recent.customer_key IS NOT NULL AS _recent
  FROM paid CROSS JOIN as_of
  LEFT JOIN recent USING (customer_key)
  WHERE ordered_at >= t - to_days(2 * getvariable('journey_churn_days'))
    AND ordered_at < t - to_days(getvariable('journey_churn_days'))
)
  SELECT customer_key, bool_or(_recent) AS active_recently FROM scoped GROUP BY customer_key
),
churn_as_of AS (
  WITH paid_all AS (
  SELECT * FROM "mapped_orders"
  WHERE coalesce(status, 'paid') = 'paid'
    AND ordered_at < coalesce(getvariable('journey_asof'), 'infinity'::TIMESTAMPTZ)
),
paid AS (
  SELECT * FROM paid_all WHERE customer_key IS NOT NULL
),
as_of AS (
  SELECT coalesce(getvariable('journey_asof'), max(ordered_at)) AS t FROM paid_all
),
recent AS (
  SELECT DISTINCT customer_key
  FROM paid, as_of
  WHERE ordered_at >= t - to_days(getvariable('journey_churn_days')) AND ordered_at <= t
),
scoped AS (
  SELECT paid.*, recent.customer_key IS NOT NULL AS _recent
  FROM paid CROSS JOIN as_of
  LEFT JOIN recent USING (customer_key)
  WHERE ordered_at >= t - to_days(2 * getvariable('journey_churn_days'))
    AND ordered_at < t - to_days(getvariable('journey_churn_days'))
)
  SELECT t FROM as_of
),
people AS (
  SELECT p.customer_key, r.nps_group, s.customer_key IS NOT NULL AS satisfied,
         k.customer_key IS NOT NULL AS linked, rc.paid_orders, cc.active_recently
  FROM (SELECT customer_key FROM respondents UNION SELECT customer_key FROM satisfied) p
  LEFT JOIN respondents r USING (customer_key)
  LEFT JOIN satisfied s USING (customer_key)
  LEFT JOIN known_customers k USING (customer_key)
  LEFT JOIN repeat_customers rc USING (customer_key)
  LEFT JOIN churn_customers cc USING (customer_key)
)
SELECT nps_group, GROUPING(nps_group) AS is_total,
       count(*) FILTER (WHERE nps_group IS NOT NULL)::DOUBLE AS respondents,
       count(*) FILTER (WHERE nps_group IS NOT NULL AND NOT linked)::DOUBLE AS unlinked,
       count(paid_orders) FILTER (WHERE nps_group IS NOT NULL)::DOUBLE AS repeat_n,
       count(*) FILTER (WHERE nps_group IS NOT NULL AND paid_orders >= 2)::DOUBLE AS repeat_k,
       count(active_recently) FILTER (WHERE nps_group IS NOT NULL)::DOUBLE AS churn_n,
       count(*) FILTER (WHERE nps_group IS NOT NULL AND NOT active_recently)::DOUBLE AS churn_k,
       count(*) FILTER (WHERE satisfied)::DOUBLE AS satisfied,
       count(*) FILTER (WHERE satisfied AND NOT linked)::DOUBLE AS satisfied_unlinked,
       count(paid_orders) FILTER (WHERE satisfied)::DOUBLE AS satisfied_n,
       count(*) FILTER (WHERE satisfied AND paid_orders = 1)::DOUBLE AS satisfied_k,
       (SELECT count(*) FROM nps_answers WHERE customer_key IS NULL)::DOUBLE AS anonymous_answers,
       (SELECT bool_or(relationship) FROM nps_all) AS home_stage_answers,
       (SELECT epoch_ms(t) FROM churn_as_of)::DOUBLE AS churn_as_of_ms
FROM people
GROUP BY GROUPING SETS ((nps_group), ());
