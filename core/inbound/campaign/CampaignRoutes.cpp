#include "CampaignRoutes.h"

#include "domain/Lead.h"
#include "http/JsonNumber.h"
#include "security/ConstantTime.h"
#include "server/RouteTable.h"
#include "storage/CampaignRepository.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <memory>

namespace sb {

namespace {

const QString tokenName = QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN");

Verification verifyToken(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    const ProviderAuth auth {QStringLiteral("campaign"), SignatureScheme::Bearer, {tokenName}};
    const auto token = dependencies.secrets.value(tokenName);
    if (token.isEmpty())
        return auth.withoutSecret(dependencies);
    Verification verification;
    verification.scheme = schemeName(SignatureScheme::Bearer);
    const auto authorization = request.header("Authorization").trimmed();
    // [rfc6750] 2.1: the scheme name is case-insensitive.
    const bool bearer = authorization.size() > 7
        && QByteArrayView(authorization).first(7).compare("Bearer ", Qt::CaseInsensitive) == 0;
    if (bearer && constantTimeEquals(authorization.mid(7).trimmed(), token.toUtf8())) {
        verification.outcome = Verification::Outcome::Verified;
    } else {
        verification.outcome = Verification::Outcome::Invalid;
        verification.detail = bearer
            ? QStringLiteral("the bearer token does not match CAMPAIGN_WEBHOOK_TOKEN")
            : QStringLiteral("missing Authorization: Bearer <CAMPAIGN_WEBHOOK_TOKEN>");
    }
    return verification;
}

// An id given as a string or a whole number; a fractional or out-of-range number is refused.
QString idText(const QJsonValue &value, const QString &field, QString *error)
{
    if (!value.isDouble())
        return value.toString();
    if (const auto number = jsonInteger(value))
        return QString::number(*number);
    if (error->isEmpty())
        *error = QStringLiteral("%1 must be a string or a whole number").arg(field);
    return {};
}

Ingest executeIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    auto ingest = verifiedIngest(QStringLiteral("campaign"), verifyToken(request, dependencies));
    ingest.source = QStringLiteral("campaign");
    ingest.eventType = QStringLiteral("campaign.execute");
    if (ingest.rejection)
        return ingest;
    auto parsed = JsonBody::object(request.body);
    if (auto *refused = std::get_if<ApiError>(&parsed)) {
        ingest.rejection = *refused;
        return ingest;
    }
    const auto body = std::get<QJsonObject>(std::move(parsed));
    QString error;
    auto campaignId = idText(body.value(QStringLiteral("campaignId")), QStringLiteral("campaignId"), &error);
    if (campaignId.isEmpty())
        campaignId = idText(body.value(QStringLiteral("campaign_id")), QStringLiteral("campaign_id"), &error);
    if (error.isEmpty() && campaignId.isEmpty())
        error = QStringLiteral("campaignId is required");
    const auto leadValues = body.value(QStringLiteral("leadIds")).toArray();
    QList<qint64> leadIds;
    for (qsizetype i = 0; i < leadValues.size(); ++i) {
        const auto lead = jsonInteger(leadValues.at(i), 1);
        if (error.isEmpty() && !lead)
            error = QStringLiteral("leadIds[%1] must be a lead id (a whole number from 1)").arg(i);
        leadIds.append(lead.value_or(0));
    }
    if (!error.isEmpty()) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, error, {}};
        return ingest;
    }
    // A scheduler's retry carries the same execution id (or Idempotency-Key): run it once.
    auto execution = idText(body.value(QStringLiteral("executionId")), QStringLiteral("executionId"), &error);
    if (!error.isEmpty()) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, error, {}};
        return ingest;
    }
    if (execution.isEmpty())
        execution = QString::fromUtf8(request.header("Idempotency-Key"));
    ingest.dedupKey = execution.isEmpty()
        ? QString()
        : QStringLiteral("campaign:") + campaignId + QLatin1Char(':') + execution;
    // A repeat is answered with the run its first request started.
    ingest.duplicateAnswer = [campaignId](SqlContext &context, const ProcessedRequest &first) -> ApiResult {
        auto &previous = context.run(
            QStringLiteral("SELECT id, status, lead_count FROM campaign_runs WHERE inbound_request_id = ?"),
            {first.recordId});
        QJsonObject report {{QStringLiteral("campaignId"), campaignId}, {QStringLiteral("duplicate"), true}};
        if (previous.next()) {
            report.insert(QStringLiteral("executionId"), previous.value(0).toLongLong());
            report.insert(QStringLiteral("status"), previous.value(1).toString());
            report.insert(QStringLiteral("leadCount"), previous.value(2).toLongLong());
        }
        previous.finish();
        // A campaign of the campaigns API: the same request again reports where it has got to.
        bool numeric = false;
        const qint64 campaign = campaignId.toLongLong(&numeric);
        if (const auto state = numeric ? CampaignRepository::state(context, campaign) : std::nullopt) {
            report.insert(QStringLiteral("status"), campaignStateName(*state));
            report.insert(QStringLiteral("progress"), CampaignRepository::progress(context, campaign));
        }
        return providerOk(
            QStringLiteral("Campaign execution already requested"), {{QStringLiteral("execution"), report}});
    };
    ingest.apply
        = [body, campaignId, leadIds, recordId = request.recordId](SqlContext &context) -> ApiResult {
        // A campaign of the campaigns API: started (its audience, narrowed to leadIds when given)
        // and run to completion by the campaign runner; the report carries its progress.
        bool numeric = false;
        const qint64 campaign = campaignId.toLongLong(&numeric);
        if (const auto state = numeric ? CampaignRepository::state(context, campaign) : std::nullopt) {
            if (*state != CampaignState::Running) {
                if (!campaignTransition(*state, CampaignAction::Execute))
                    return ApiError {ErrorKind::Conflict,
                        QStringLiteral("Campaign %1 is %2 and cannot be executed")
                            .arg(campaignId, campaignStateName(*state))};
                CampaignRepository::start(context, campaign, leadIds, recordId);
            }
            const auto progress = CampaignRepository::progress(context, campaign);
            const auto total = progress.value(QStringLiteral("total")).toInteger();
            auto &insert = context.run(
                QStringLiteral("INSERT INTO campaign_runs(campaign_id, status, request, lead_count, "
                               "inbound_request_id, created_at) VALUES(?, 'started', ?, ?, ?, ?)"),
                {campaignId, QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)), total,
                    recordId, context.nowMs()});
            const auto runId = insert.lastInsertId().toLongLong();
            insert.finish();
            QJsonObject report {{QStringLiteral("executionId"), runId},
                {QStringLiteral("campaignId"), campaignId},
                {QStringLiteral("status"), campaignStateName(*CampaignRepository::state(context, campaign))},
                {QStringLiteral("leadCount"), total},
                {QStringLiteral("skippedDoNotContact"),
                    progress.value(QStringLiteral("skippedDoNotContact"))},
                {QStringLiteral("requestedLeads"),
                    leadIds.isEmpty() ? QJsonValue() : QJsonValue(leadIds.size())},
                {QStringLiteral("progress"), progress}};
            return providerOk(
                QStringLiteral("Campaign execution started"), {{QStringLiteral("execution"), report}});
        }
        // Leads named explicitly, else every active lead; do-not-contact ones are skipped.
        QString where = QStringLiteral(" WHERE lifecycle = ?");
        QVariantList values {leadLifecycleName(LeadLifecycle::Active)};
        if (!leadIds.isEmpty()) {
            values.clear();
            QStringList marks;
            for (const auto &lead : leadIds) {
                marks.append(QStringLiteral("?"));
                values.append(lead);
            }
            where = QStringLiteral(" WHERE id IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
        }
        auto &count = context.run(
            QStringLiteral("SELECT COUNT(*), COALESCE(SUM(do_not_contact), 0) FROM leads") + where, values);
        qint64 total = 0, skipped = 0;
        if (count.next()) {
            total = count.value(0).toLongLong();
            skipped = count.value(1).toLongLong();
        }
        count.finish();
        const auto now = context.nowMs();
        auto &insert = context.run(
            QStringLiteral("INSERT INTO campaign_runs(campaign_id, status, request, lead_count, "
                           "inbound_request_id, created_at) VALUES(?, 'started', ?, ?, ?, ?)"),
            {campaignId, QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)),
                total - skipped, recordId, now});
        const auto runId = insert.lastInsertId().toLongLong();
        QJsonObject report {{QStringLiteral("executionId"), runId},
            {QStringLiteral("campaignId"), campaignId}, {QStringLiteral("status"), QStringLiteral("started")},
            {QStringLiteral("leadCount"), total - skipped}, {QStringLiteral("skippedDoNotContact"), skipped},
            {QStringLiteral("requestedLeads"),
                leadIds.isEmpty() ? QJsonValue() : QJsonValue(leadIds.size())}};
        context.raise(QStringLiteral("campaign.started"), recordId,
            {{QStringLiteral("campaignId"), campaignId}, {QStringLiteral("execution"), report},
                {QStringLiteral("metadata"), body.value(QStringLiteral("metadata"))}});
        return providerOk(
            QStringLiteral("Campaign execution started"), {{QStringLiteral("execution"), report}});
    };
    return ingest;
}

} // namespace

void registerCampaignRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    routes::addWebhook(router, QStringLiteral("/api/webhooks/campaign/execute"), ApiFamily::Provider,
        QStringLiteral("campaign.execute"), true,
        [shared](const ApiRequest &request) { return executeIngest(request, *shared); });
}

} // namespace sb
