#include "CrmRoutes.h"

#include "domain/IsoTime.h"
#include "http/JsonBody.h"
#include "http/JsonNumber.h"
#include "inbound/ProviderSupport.h"
#include "leads/LeadCommands.h"
#include "security/HexHmacSignature.h"
#include "server/Ingest.h"
#include "server/RouteTable.h"
#include "storage/DeliveryRepository.h"
#include "storage/InboundRepository.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace sb {

namespace {

const QString base = QStringLiteral("/api/v1/webhooks");
const QString secretName = QStringLiteral("CRM_WEBHOOK_SECRET");

Verification verifyCrm(const ApiRequest &request, const SecretStore &secrets)
{
    const auto secret = secrets.value(secretName);
    if (secret.isEmpty()) {
        Verification verification;
        verification.scheme = QStringLiteral("hmac-sha256-hex");
        if (secrets.acceptsUnverified(QStringLiteral("crm"))) {
            verification.outcome = Verification::Outcome::Unverified;
            verification.detail = QStringLiteral("accepted without verification (--accept-unverified crm)");
        } else {
            verification.outcome = Verification::Outcome::MissingSecret;
            verification.detail
                = QStringLiteral("CRM_WEBHOOK_SECRET is not configured; set it (environment or "
                                 "Settings) or start with --accept-unverified crm");
        }
        return verification;
    }
    const auto timestamp = request.header(HexHmacSignature::timestampHeader);
    auto verification = HexHmacSignature::verifyRequest(secret.toUtf8(), request.body,
        request.header(HexHmacSignature::signatureHeader), timestamp, request.receivedAtMs / 1000);
    if (verification.outcome == Verification::Outcome::Invalid)
        verification.stringToSign = verification.stringToSign.isEmpty()
            ? request.body.left(4096)
            : verification.stringToSign.left(4096);
    return verification;
}

// Seed 002's signature carries no timestamp, so a captured request verifies forever: the same body
// on the same route within a day is the same request. It is answered with the first answer,
// recorded as a duplicate and applied once.
constexpr qint64 duplicateWindowMs = 24 * 60 * 60 * 1000;

QString crmDedupKey(const ApiRequest &request)
{
    return QStringLiteral("crm:") + request.path + QLatin1Char(':')
        + QString::fromLatin1(QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
}

QString subjectField(LeadEventSpec::Subject subject)
{
    switch (subject) {
    case LeadEventSpec::Subject::PreLead:
        return QStringLiteral("pre_lead_id");
    case LeadEventSpec::Subject::Lead:
        return QStringLiteral("lead_id");
    case LeadEventSpec::Subject::Customer:
        return QStringLiteral("customer_id");
    case LeadEventSpec::Subject::None:
        break;
    }
    return {};
}

std::optional<qint64> positiveId(const QJsonValue &value)
{
    if (value.isDouble())
        return jsonInteger(value, 1);
    if (value.isString()) {
        bool ok = false;
        const auto number = value.toString().toLongLong(&ok);
        if (ok && number >= 1)
            return number;
    }
    return std::nullopt;
}

// Checks signature and envelope; `spec` is null for the generic /incoming router.
Ingest crmIngest(const ApiRequest &request, const SecretStore &secrets, const QString &phoneRegion,
    const LeadEventSpec *spec)
{
    Ingest ingest;
    ingest.provider = QStringLiteral("crm");
    ingest.verification = verifyCrm(request, secrets);
    logVerification(ingest.provider, ingest.verification);
    if (!ingest.verification.accepted()) {
        ingest.rejection = ApiError {ErrorKind::Unauthorized,
            ingest.verification.outcome == Verification::Outcome::MissingSecret
                ? ingest.verification.detail
                : QStringLiteral("Invalid signature: ") + ingest.verification.detail,
            {}};
        return ingest;
    }
    auto fail = [&ingest](const QString &message) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, message, {}};
        return ingest;
    };
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return fail(error->message);
    const auto envelope = std::get<QJsonObject>(std::move(parsed));
    const auto eventValue = envelope.value(QStringLiteral("event"));
    if (!eventValue.isUndefined() && !eventValue.isString())
        return fail(QStringLiteral("event must be a string"));
    const auto event = eventValue.toString();
    ingest.eventType = event;
    ingest.source = envelope.value(QStringLiteral("source")).toString();
    if (!envelope.contains(QStringLiteral("data")))
        return fail(QStringLiteral("data is required"));
    if (!envelope.value(QStringLiteral("data")).isObject())
        return fail(QStringLiteral("data must be an object"));

    LeadCall call;
    call.source = ingest.source;
    call.data = envelope.value(QStringLiteral("data")).toObject();
    call.recordId = request.recordId;
    call.phoneRegion = phoneRegion;
    if (spec) {
        if (!event.isEmpty() && event != spec->event)
            return fail(QStringLiteral("event '%1' does not belong to this endpoint (expected '%2')")
                            .arg(event, spec->event));
        call.event = spec->event;
        ingest.eventType = spec->event;
        if (spec->subject != LeadEventSpec::Subject::None) {
            const auto id = positiveId(QJsonValue(request.pathArgs.value(0)));
            if (!id)
                return fail(QStringLiteral("%1 in the path must be a positive integer")
                                .arg(subjectField(spec->subject)));
            call.id = *id;
        }
    } else {
        if (event.isEmpty())
            return fail(QStringLiteral("event is required"));
        const auto &events = leadEvents();
        const auto found = std::find_if(
            events.begin(), events.end(), [&event](const auto &e) { return e.event == event; });
        if (found == events.end()) {
            QStringList names;
            for (const auto &e : events)
                names.append(e.event);
            return fail(QStringLiteral("unknown event '%1'; supported: %2")
                            .arg(event, names.join(QStringLiteral(", "))));
        }
        spec = &*found;
        call.event = event;
        if (spec->subject != LeadEventSpec::Subject::None) {
            const auto field = subjectField(spec->subject);
            const auto value = call.data.value(field);
            if (value.isUndefined() || value.isNull())
                return fail(QStringLiteral("%1 is required in data for event %2").arg(field, event));
            const auto id = positiveId(value);
            if (!id)
                return fail(QStringLiteral("%1 must be a positive integer").arg(field));
            call.id = *id;
        }
    }
    // A repeat within the window gets the first answer again (the pipeline's default).
    ingest.dedupKey = crmDedupKey(request);
    ingest.dedupSinceMs = request.receivedAtMs - duplicateWindowMs;
    ingest.apply = [command = spec->command, call = std::move(call)](
                       SqlContext &context) -> ApiResult { return command(context, call); };
    return ingest;
}

QJsonObject crmSuccess(const QString &message, const QJsonObject &data)
{
    return {{QStringLiteral("status"), QStringLiteral("success")}, {QStringLiteral("message"), message},
        {QStringLiteral("data"), data}};
}

int intParameter(const ApiRequest &request, const QString &name, int fallback, bool *ok)
{
    const auto text = request.query.queryItemValue(name);
    if (text.isEmpty())
        return fallback;
    return text.toInt(ok);
}

// An outbound delivery as a log item of seed 002's shape, next to the incoming ones: where it went,
// what the receiver answered (the last attempt) and, in the detail, every attempt.
QJsonObject outgoingLogItem(SqlContext &context, const Delivery &delivery, bool detail)
{
    const auto attempts = DeliveryRepository::attempts(context, delivery.id);
    QString url;
    if (!attempts.isEmpty())
        url = attempts.last().url;
    else if (const auto config = WebhookConfigRepository::find(context, delivery.configId))
        url = config->url;
    auto textOrNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject item {{QStringLiteral("id"), delivery.id},
        {QStringLiteral("direction"), QStringLiteral("outgoing")},
        {QStringLiteral("event"), delivery.eventType}, {QStringLiteral("source"), delivery.source},
        {QStringLiteral("method"), QStringLiteral("POST")}, {QStringLiteral("endpoint"), url},
        {QStringLiteral("status"), deliveryStatusName(delivery.status)},
        {QStringLiteral("status_code"),
            delivery.lastStatus == 0 ? QJsonValue() : QJsonValue(delivery.lastStatus)},
        {QStringLiteral("is_successful"), delivery.status == DeliveryStatus::Delivered},
        {QStringLiteral("error_message"), textOrNull(delivery.lastError)},
        {QStringLiteral("attempts"), delivery.attempts},
        {QStringLiteral("webhook_config_id"), delivery.configId},
        {QStringLiteral("event_id"), delivery.eventId},
        {QStringLiteral("processing_time_ms"),
            attempts.isEmpty() ? QJsonValue() : QJsonValue(attempts.last().latencyMs)},
        {QStringLiteral("created_at"), isoTime(delivery.createdAt)},
        {QStringLiteral("updated_at"), isoTime(delivery.updatedAt)},
        {QStringLiteral("body_size"), delivery.payload.size()}};
    const auto json = QJsonDocument::fromJson(delivery.payload);
    item.insert(QStringLiteral("payload"), json.isObject() ? QJsonValue(json.object()) : QJsonValue());
    item.insert(QStringLiteral("response_body"),
        attempts.isEmpty() ? QJsonValue() : QJsonValue(QString::fromUtf8(attempts.last().responseBody)));
    if (detail) {
        QJsonArray list;
        for (const auto &attempt : attempts)
            list.append(DeliveryRepository::attemptJson(attempt));
        item.insert(QStringLiteral("attempts_detail"), list);
    }
    return item;
}

std::optional<QJsonObject> incomingLogItem(SqlContext &context, const QString &id)
{
    auto &rows = context.run(QStringLiteral("SELECT ") + InboundRepository::logColumns()
            + QStringLiteral(" FROM inbound_requests WHERE id = ?"),
        {id});
    if (!rows.next())
        return std::nullopt;
    auto item = InboundRepository::logItem(rows.record());
    rows.finish();
    return item;
}

ApiResult listLogs(SqlContext &context, const ApiRequest &request)
{
    bool ok = true;
    const int page = intParameter(request, QStringLiteral("page"), 1, &ok);
    if (!ok || page < 1)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("page must be a positive integer"), {}};
    const int pageSize = intParameter(request, QStringLiteral("page_size"), 20, &ok);
    if (!ok || pageSize < 1 || pageSize > 100)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("page_size must be between 1 and 100"), {}};
    const auto direction = request.query.queryItemValue(QStringLiteral("direction"));
    if (!direction.isEmpty() && direction != QLatin1String("incoming")
        && direction != QLatin1String("outgoing"))
        return ApiError {
            ErrorKind::BadRequest, QStringLiteral("direction must be 'incoming' or 'outgoing'"), {}};
    const auto successful = request.query.queryItemValue(QStringLiteral("is_successful")).toLower();
    if (!successful.isEmpty() && successful != QLatin1String("true") && successful != QLatin1String("false"))
        return ApiError {
            ErrorKind::BadRequest, QStringLiteral("is_successful must be 'true' or 'false'"), {}};

    QString inWhere;
    if (successful == QLatin1String("true"))
        inWhere = QStringLiteral(" WHERE response_status BETWEEN 200 AND 299");
    else if (successful == QLatin1String("false"))
        inWhere = QStringLiteral(" WHERE response_status NOT BETWEEN 200 AND 299");
    // An outgoing call succeeded when its delivery was delivered.
    QString outWhere;
    QVariantList outValues;
    if (!successful.isEmpty()) {
        outWhere = successful == QLatin1String("true") ? QStringLiteral(" WHERE status = ?")
                                                       : QStringLiteral(" WHERE status <> ?");
        outValues.append(deliveryStatusName(DeliveryStatus::Delivered));
    }
    const bool incoming = direction != QLatin1String("outgoing");
    const bool outgoing = direction != QLatin1String("incoming");

    QJsonArray items;
    qint64 total = 0;
    if (incoming) {
        auto &count = context.run(QStringLiteral("SELECT COUNT(*) FROM inbound_requests") + inWhere, {});
        total += count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
    }
    if (outgoing) {
        auto &count = context.run(QStringLiteral("SELECT COUNT(*) FROM deliveries") + outWhere, outValues);
        total += count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
    }
    if (incoming && !outgoing) {
        auto &rows = context.run(QStringLiteral("SELECT ") + InboundRepository::logColumns()
                + QStringLiteral(" FROM inbound_requests") + inWhere
                + QStringLiteral(" ORDER BY seq DESC LIMIT ? OFFSET ?"),
            {pageSize, qint64(page - 1) * pageSize});
        while (rows.next())
            items.append(InboundRepository::logItem(rows.record()));
        rows.finish();
    } else {
        // Both logs newest first (or the outgoing one alone): the page's ids, then each item.
        QStringList parts;
        QVariantList values;
        if (incoming)
            parts.append(
                QStringLiteral("SELECT 0 AS outgoing, id, received_at AS at, seq FROM inbound_requests")
                + inWhere);
        parts.append(
            QStringLiteral("SELECT 1 AS outgoing, id, created_at AS at, seq FROM deliveries") + outWhere);
        values += outValues;
        values << pageSize << qint64(page - 1) * pageSize;
        auto &rows = context.run(QStringLiteral("SELECT outgoing, id FROM (")
                + parts.join(QStringLiteral(" UNION ALL "))
                + QStringLiteral(") ORDER BY at DESC, outgoing DESC, seq DESC LIMIT ? OFFSET ?"),
            values);
        QList<QPair<bool, QString>> pageIds;
        while (rows.next())
            pageIds.append({rows.value(0).toInt() == 1, rows.value(1).toString()});
        rows.finish();
        for (const auto &[isOutgoing, id] : pageIds) {
            if (isOutgoing) {
                if (const auto delivery = DeliveryRepository::find(context, id))
                    items.append(outgoingLogItem(context, *delivery, false));
            } else if (const auto item = incomingLogItem(context, id)) {
                items.append(*item);
            }
        }
    }
    const qint64 pages = total == 0 ? 0 : (total + pageSize - 1) / pageSize;
    return ApiResponse::json(200,
        crmSuccess(QStringLiteral("Webhook logs retrieved successfully"),
            {{QStringLiteral("items"), items}, {QStringLiteral("total"), total},
                {QStringLiteral("page"), page}, {QStringLiteral("page_size"), pageSize},
                {QStringLiteral("pages"), pages}}));
}

ApiResult getLog(SqlContext &context, const ApiRequest &request)
{
    const auto id = request.pathArgs.value(0);
    if (const auto item = incomingLogItem(context, id))
        return ApiResponse::json(
            200, crmSuccess(QStringLiteral("Webhook log retrieved successfully"), *item));
    if (const auto delivery = DeliveryRepository::find(context, id)) {
        return ApiResponse::json(200,
            crmSuccess(QStringLiteral("Webhook log retrieved successfully"),
                outgoingLogItem(context, *delivery, true)));
    }
    return ApiError {ErrorKind::NotFound, QStringLiteral("Log not found"), {}};
}

} // namespace

void registerCrmRoutes(Router &router, CrmDependencies dependencies)
{
    const SecretStore *secrets = &dependencies.secrets;
    const auto region = dependencies.phoneRegion;
    for (const auto &spec : leadEvents()) {
        if (spec.path.isEmpty())
            continue;
        routes::addWebhook(router, base + QStringLiteral("/incoming/") + spec.path, ApiFamily::Crm,
            QStringLiteral("crm.") + spec.event, true,
            [secrets, region, spec = &spec](
                const ApiRequest &request) { return crmIngest(request, *secrets, region, spec); });
    }
    routes::addWebhook(router, base + QStringLiteral("/incoming"), ApiFamily::Crm,
        QStringLiteral("crm.incoming"), true, [secrets, region](const ApiRequest &request) {
            return crmIngest(request, *secrets, region, nullptr);
        });
    routes::addQuery(
        router, "GET", base + QStringLiteral("/logs"), ApiFamily::Crm, QStringLiteral("crm.logs"), listLogs);
    routes::addQuery(router, "GET", base + QStringLiteral("/logs/{id}"), ApiFamily::Crm,
        QStringLiteral("crm.log"), getLog);
}

} // namespace sb
