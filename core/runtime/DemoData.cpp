#include "DemoData.h"

#include "DemoSamples.h"
#include "outbound/DeliveryRepository.h"
#include "outbound/WebhookConfigRepository.h"
#include "storage/InboundRepository.h"
#include "storage/SqlWorker.h"

#include <QEventLoop>
#include <QJsonArray>

namespace sb {

namespace {

constexpr qint64 minuteMs = 60 * 1000;

bool databaseIsEmpty(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT (SELECT COUNT(*) FROM leads) + (SELECT COUNT(*) FROM pre_leads) "
                                             "+ (SELECT COUNT(*) FROM webhook_configs) + (SELECT COUNT(*) FROM deliveries) "
                                             "+ (SELECT COUNT(*) FROM inbound_requests)"),
                              {});
    const bool empty = query.next() && query.value(0).toLongLong() == 0;
    query.finish();
    return empty;
}

QList<DemoLead> seedLeads(SqlContext &context, qint64 now)
{
    QList<DemoLead> leads;
    const auto &samples = demo::leads();
    for (int i = 0; i < int(samples.size()); ++i) {
        const auto &sample = samples[size_t(i)];
        const auto u = [](const char *text) { return QString::fromUtf8(text); };
        struct
        {
            QString first, last, email, phone, company, title, city, source, priority, status;
            double expectedValue;
            int ageMinutes;
        } const s{u(sample.first), u(sample.last), u(sample.email), u(sample.phone), u(sample.company), u(sample.title),
                  u(sample.city), u(sample.source), u(sample.priority), u(sample.status), sample.expectedValue,
                  sample.ageMinutes};
        const qint64 created = now - qint64(s.ageMinutes) * minuteMs;
        const qint64 updated = created + qint64(s.ageMinutes / 3) * minuteMs;
        auto &insert = context.run(
            QStringLiteral("INSERT INTO leads(first_name, last_name, email, phone, company_name, source, priority, "
                           "lead_status, expected_value, attributes, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
            {s.first, s.last, s.email, s.phone, s.company, s.source, s.priority, s.status, s.expectedValue,
             QStringLiteral("{\"city\":\"%1\"}").arg(s.city), created, updated});
        const qint64 id = insert.lastInsertId().toLongLong();
        leads.append({id, s.first + QLatin1Char(' ') + s.last, s.phone, s.email, s.company});
        // The status history a CRM would have produced: creation, then each step to the current status.
        QString previous;
        qint64 at = created;
        for (const auto &status : demo::statusPath(s.status)) {
            context.run(QStringLiteral("INSERT INTO status_history(owner_kind, owner_id, old_status, new_status, remarks, "
                                       "source, changed_at) VALUES('lead', ?, ?, ?, ?, ?, ?)"),
                        {id, previous.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(previous), status,
                         previous.isEmpty() ? QStringLiteral("Created from %1").arg(s.source) : QString(),
                         QStringLiteral("demo"), at});
            previous = status;
            at += (updated - created) / 4 + minuteMs;
        }
        context.run(QStringLiteral("INSERT INTO contacts(owner_kind, owner_id, first_name, last_name, email, phone, "
                                   "designation, is_primary, created_at) VALUES('lead', ?, ?, ?, ?, ?, ?, 1, ?)"),
                    {id, s.first, s.last, s.email, s.phone, s.title, created});
        if (i % 2 == 0) {
            context.run(QStringLiteral("INSERT INTO memos(owner_kind, owner_id, title, content, memo_type, created_at) "
                                       "VALUES('lead', ?, ?, ?, 'note', ?)"),
                        {id, QStringLiteral("First call"), demo::memoFor(i), created + 20 * minuteMs});
        }
        if (i % 3 == 0) {
            context.run(QStringLiteral("INSERT INTO activities(lead_id, activity_type, title, description, outcome, "
                                       "created_at) VALUES(?, 'call', ?, ?, ?, ?)"),
                        {id, QStringLiteral("Discovery call"), QStringLiteral("Walked through pricing and rollout"),
                         QStringLiteral("interested"), updated});
        }
    }
    return leads;
}

QList<WebhookConfig> seedConfigs(SqlContext &context)
{
    QList<WebhookConfig> configs;
    for (const auto &sample : demo::configs()) {
        WebhookConfig config;
        QString ignored, error;
        if (!applyConfigJson(sample.body, true, &config, &ignored, &error))
            throw SqlError(QStringLiteral("demo configuration %1: %2").arg(sample.body.value(QStringLiteral("name")).toString(), error));
        config.disabledReason = sample.disabledReason;
        if (!sample.disabledReason.isEmpty()) {
            config.status = QStringLiteral("disabled");
            config.consecutiveFailures = 12;
        }
        WebhookConfigRepository::insert(context, config, WebhookConfig::generateSecret());
        configs.append(config);
    }
    return configs;
}

void seedDeliveries(SqlContext &context, const QList<WebhookConfig> &configs, qint64 now)
{
    for (const auto &plan : demo::deliveries(configs, now)) {
        Delivery delivery = plan.delivery;
        DeliveryRepository::insert(context, delivery);
        for (int i = 0; i < plan.attempts.size(); ++i) {
            const bool last = i == plan.attempts.size() - 1;
            // Finished either way, nothing scheduled: a demo delivery is never sent for real.
            DeliveryRepository::recordAttempt(context, plan.attempts[i], last ? delivery.status : QStringLiteral("pending"), 0);
        }
        context.run(QStringLiteral("UPDATE deliveries SET status = ?, created_at = ?, updated_at = ?, next_attempt_at = NULL "
                                   "WHERE id = ?"),
                    {delivery.status, plan.createdAt, plan.updatedAt, delivery.id});
    }
}

void seedInbound(SqlContext &context, qint64 now)
{
    for (const auto &sample : demo::inboundRequests(now))
        InboundRepository::insert(context, sample.request, sample.outcome, sample.response);
}

} // namespace

void seedDemoConversations(SqlContext &context, const QList<DemoLead> &leads)
{
    // Filled in with the messaging domain (conversations, messages, calls for some of `leads`).
    Q_UNUSED(context);
    Q_UNUSED(leads);
}

bool DemoData::fill(SqlContext &context)
{
    if (!databaseIsEmpty(context))
        return false;
    const qint64 now = context.nowMs();
    const auto leads = seedLeads(context, now);
    seedDemoConversations(context, leads);
    seedDeliveries(context, seedConfigs(context), now);
    seedInbound(context, now);
    return true;
}

bool DemoData::seed(SqlWorker &writer, QString *error)
{
    QObject receiver;
    QEventLoop loop;
    bool finished = false;
    bool filled = false;
    SqlJob job;
    job.replyContext = &receiver;
    job.run = [&filled](SqlContext &context) -> ApiResult {
        filled = fill(context);
        return ApiResponse{};
    };
    job.done = [&](const ApiResult &result) {
        if (const auto *failure = std::get_if<ApiError>(&result))
            *error = failure->message;
        finished = true;
        loop.quit();
    };
    writer.submit(std::move(job));
    // Runs before the window exists: wait for the commit so the first views show the data.
    if (!finished)
        loop.exec();
    if (error->isEmpty() && !filled)
        qInfo("demo: the database already holds data; no sample data added");
    return error->isEmpty();
}

} // namespace sb
