#include "FollowUps.h"

#include "domain/DomainEvent.h"
#include "domain/Messaging.h"
#include "storage/StoredSettings.h"
#include "storage/TaskRepository.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace sb {

namespace {

const QString settingsKey = QStringLiteral("tasks.rules");

} // namespace

UnansweredCallRetry UnansweredCallRetry::load(SqlContext &context)
{
    UnansweredCallRetry rule;
    if (const auto text = StoredSettings::value(context, settingsKey)) {
        const auto stored = QJsonDocument::fromJson(text->toUtf8())
                                .object()
                                .value(QStringLiteral("unansweredCallRetry"))
                                .toObject();
        rule.enabled = stored.value(QStringLiteral("enabled")).toBool(rule.enabled);
        rule.delayMinutes = stored.value(QStringLiteral("delayMinutes")).toInt(rule.delayMinutes);
    }
    return rule;
}

void UnansweredCallRetry::save(SqlContext &context, const UnansweredCallRetry &rule)
{
    const QJsonObject value {{QStringLiteral("unansweredCallRetry"), rule.toJson()}};
    StoredSettings::put(
        context, settingsKey, QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact)));
}

QJsonObject UnansweredCallRetry::toJson() const
{
    return {{QStringLiteral("enabled"), enabled}, {QStringLiteral("delayMinutes"), delayMinutes}};
}

int FollowUpRouter::route(SqlContext &context, const DomainEvent &event)
{
    const int created = m_inner ? m_inner->route(context, event) : 0;
    if (m_busy || event.type != QLatin1String("call.completed"))
        return created;
    const auto leadId = event.payload.value(QStringLiteral("leadId")).toInteger();
    const auto status = callStatusFromName(event.payload.value(QStringLiteral("status")).toString());
    if (leadId <= 0 || !status
        || (*status != CallStatus::NoAnswer && *status != CallStatus::Busy && *status != CallStatus::Failed))
        return created;
    const auto rule = UnansweredCallRetry::load(context);
    if (!rule.enabled)
        return created;
    m_busy = true;
    const auto call = event.payload.value(QStringLiteral("call")).toObject();
    const bool inbound = call.value(QStringLiteral("direction")).toString() == QLatin1String("inbound");
    FollowUpTask task;
    task.leadId = leadId;
    task.conversationId = call.value(QStringLiteral("conversation_id")).toInteger();
    task.source = TaskSource::Rule;
    task.sourceRef = QStringLiteral("call:%1").arg(call.value(QStringLiteral("id")).toInteger());
    auto &name = context.run(
        QStringLiteral("SELECT TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), "
                       "phone FROM leads WHERE id = ?"),
        {leadId});
    QString who = QStringLiteral("the lead");
    if (name.next())
        who = !name.value(0).toString().isEmpty() ? name.value(0).toString() : name.value(1).toString();
    name.finish();
    const auto outcome = *status == CallStatus::Busy ? QStringLiteral("line busy")
        : *status == CallStatus::Failed              ? QStringLiteral("call failed")
                                                     : QStringLiteral("no answer");
    task.title = inbound ? QStringLiteral("Call back %1 (missed call)").arg(who)
                         : QStringLiteral("Call %1 again (%2)").arg(who, outcome);
    task.notes = QStringLiteral("Raised by the rule for calls that end unanswered.");
    task.dueAt = context.nowMs() + qint64(rule.delayMinutes) * 60'000;
    TaskRepository::create(context, task, event.source);
    m_busy = false;
    return created;
}

} // namespace sb
