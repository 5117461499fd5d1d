#include "ElevenLabsLiveCalls.h"

#include "domain/PhoneNumber.h"
#include "storage/LeadDirectory.h"
#include "storage/LiveCalls.h"
#include "storage/MessagingRepository.h"
#include "storage/RowJson.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace sb {

namespace {

const QString provider = QStringLiteral("elevenlabs");

// The typed object of a WebSocket event: user_transcript carries user_transcription_event, the others
// <type>_event.
QJsonObject typedObject(const QJsonObject &event, const QString &type)
{
    if (type == QLatin1String("user_transcript"))
        return event.value(QStringLiteral("user_transcription_event")).toObject();
    return event.value(type + QStringLiteral("_event")).toObject();
}

// The first of `name` found at the top level, in data, or in the typed object.
QJsonValue field(const QJsonObject &event, const QString &type, const QString &name)
{
    for (const auto &object :
        {event, event.value(QStringLiteral("data")).toObject(), typedObject(event, type)}) {
        const auto value = object.value(name);
        if (!value.isUndefined() && !value.isNull())
            return value;
    }
    return {};
}

qint64 timeMs(const QJsonValue &value)
{
    if (value.isDouble()) {
        const auto number = value.toDouble();
        if (number <= 0)
            return 0;
        return number > 1e11 ? qint64(number) : qint64(number * 1000);
    }
    if (value.isString()) {
        bool ok = false;
        const auto number = value.toString().toDouble(&ok);
        if (ok)
            return timeMs(QJsonValue(number));
        const auto parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return parsed.isValid() ? parsed.toMSecsSinceEpoch() : 0;
    }
    return 0;
}

std::optional<qint64> position(const QJsonObject &event, const QString &type)
{
    auto value = typedObject(event, type).value(QStringLiteral("event_id"));
    if (value.isUndefined())
        value = event.value(QStringLiteral("event_id"));
    if (value.isDouble())
        return qint64(value.toDouble());
    return std::nullopt;
}

QString callerNumber(const QJsonObject &event, const QString &type)
{
    for (const auto *name : {"caller_id", "from_number", "external_number"}) {
        const auto value = field(event, type, QLatin1String(name)).toString();
        if (!value.isEmpty())
            return value;
    }
    const auto data = event.value(QStringLiteral("data")).toObject();
    for (const auto &object : {event, data}) {
        const auto phone = object.value(QStringLiteral("metadata"))
                               .toObject()
                               .value(QStringLiteral("phone_call"))
                               .toObject()
                               .value(QStringLiteral("external_number"))
                               .toString();
        if (!phone.isEmpty())
            return phone;
        for (const auto &holder :
            {object, object.value(QStringLiteral("conversation_initiation_client_data")).toObject()}) {
            const auto caller = holder.value(QStringLiteral("dynamic_variables"))
                                    .toObject()
                                    .value(QStringLiteral("system__caller_id"))
                                    .toString();
            if (!caller.isEmpty())
                return caller;
        }
    }
    return {};
}

bool ignored(const QString &type)
{
    static const QSet<QString> types {QStringLiteral("ping"), QStringLiteral("vad_score"),
        QStringLiteral("audio"), QStringLiteral("internal_tentative_agent_response")};
    return types.contains(type);
}

} // namespace

void ElevenLabsLiveCalls::linkTelephony(SqlContext &context, qint64 callId, const QJsonObject &event)
{
    const auto data = event.value(QStringLiteral("data")).toObject();
    QString sid;
    for (const auto &object : {event, data}) {
        for (const auto &candidate : {object.value(QStringLiteral("call_sid")).toString(),
                 object.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("phone_call"))
                     .toObject()
                     .value(QStringLiteral("call_sid"))
                     .toString(),
                 object.value(QStringLiteral("dynamic_variables"))
                     .toObject()
                     .value(QStringLiteral("system__call_sid"))
                     .toString(),
                 object.value(QStringLiteral("conversation_initiation_client_data"))
                     .toObject()
                     .value(QStringLiteral("dynamic_variables"))
                     .toObject()
                     .value(QStringLiteral("system__call_sid"))
                     .toString()}) {
            if (sid.isEmpty())
                sid = candidate;
        }
    }
    LiveCalls::linkCall(context, callId, sid);
}

void ElevenLabsLiveCalls::telephonyEnded(SqlContext &context, const QString &callSid, const QString &recordId)
{
    const auto callId = LiveCalls::callCarriedBy(context, callSid);
    if (!callId)
        return;
    auto &find = context.run(QStringLiteral("SELECT provider, call_ref FROM calls WHERE id = ?"), {*callId});
    if (!find.next()) {
        find.finish();
        return;
    }
    CallUpdate update;
    update.provider = find.value(0).toString();
    update.callRef = find.value(1).toString();
    find.finish();
    update.status = CallStatus::Completed;
    update.recordId = recordId;
    const auto call = MessagingRepository::upsertCall(context, update);
    QJsonObject payload {{QStringLiteral("conversationId"), update.callRef}, {QStringLiteral("call"), call},
        {QStringLiteral("analysis"), QJsonValue()}, {QStringLiteral("callSid"), callSid},
        {QStringLiteral("endedBy"), QStringLiteral("call.completed")}};
    if (!call.value(QStringLiteral("lead_id")).isNull())
        payload.insert(QStringLiteral("leadId"), call.value(QStringLiteral("lead_id")));
    completeOnce(context, *callId, recordId, payload);
}

bool ElevenLabsLiveCalls::isEndEvent(const QString &type)
{
    static const QSet<QString> types {QStringLiteral("conversation_ended"),
        QStringLiteral("conversation_end"), QStringLiteral("call_ended"),
        QStringLiteral("conversation_completed"), QStringLiteral("conversation.completed")};
    return types.contains(type);
}

bool ElevenLabsLiveCalls::completeOnce(
    SqlContext &context, qint64 callId, const QString &recordId, const QJsonObject &payload)
{
    if (!LiveCalls::claimCompletion(context, callId))
        return false;
    context.raise(QStringLiteral("conversation.completed"), recordId, payload);
    return true;
}

QJsonObject ElevenLabsLiveCalls::apply(SqlContext &context, const QJsonObject &event, const QString &type,
    const QString &conversation, const QString &phoneRegion, const QString &recordId)
{
    if (conversation.isEmpty())
        return {};
    const auto at = timeMs(field(event, type, QStringLiteral("event_timestamp")));
    const bool ends = isEndEvent(type);
    CallUpdate update;
    update.provider = provider;
    update.callRef = conversation;
    update.recordId = recordId;
    if (at > 0)
        update.occurredAtMs = at;
    if (ends) {
        update.status = CallStatus::Completed;
        update.endReason = field(event, type, QStringLiteral("termination_reason")).toString();
        if (update.endReason.isEmpty())
            update.endReason = field(event, type, QStringLiteral("reason")).toString();
    } else if (!ignored(type)) {
        // Any sign of the conversation: the agent is on the line.
        update.status = CallStatus::InProgress;
    }
    const auto number = callerNumber(event, type);
    const auto e164 = PhoneNumber::toE164(number, phoneRegion);
    if (!e164.isEmpty()) {
        update.from = number;
        update.leadId = LeadDirectory::forPhone(context, e164, provider, recordId).id;
    }
    auto call = MessagingRepository::upsertCall(context, update);
    const auto callId = call.value(QStringLiteral("id")).toInteger();
    linkTelephony(context, callId, event);

    LiveCallEvent live;
    live.eventType = type;
    live.atMs = at;
    live.position = position(event, type);
    live.raw = event;
    const auto typed = typedObject(event, type);
    bool store = true;
    if (type == QLatin1String("user_transcript")) {
        live.kind = CallTurnKind::User;
        live.text = typed.value(QStringLiteral("user_transcript")).toString();
    } else if (type == QLatin1String("agent_response")) {
        live.kind = CallTurnKind::Agent;
        live.text = typed.value(QStringLiteral("agent_response")).toString();
    } else if (type == QLatin1String("agent_response_correction")) {
        live.kind = CallTurnKind::Correction;
        live.originalText = typed.value(QStringLiteral("original_agent_response")).toString();
        live.text = typed.value(QStringLiteral("corrected_agent_response")).toString();
    } else if (type == QLatin1String("interruption")) {
        live.kind = CallTurnKind::Interruption;
    } else if (ends || ignored(type) || type == QLatin1String("conversation_initiation_metadata")) {
        store = false;
    }
    if (store
        && (live.kind == CallTurnKind::Event || live.kind == CallTurnKind::Interruption
            || !live.text.isEmpty()))
        LiveCalls::record(context, callId, live);
    LiveCalls::syncMessages(context, callId, recordId);
    if (ends) {
        call = rowJson(context, QStringLiteral("calls"), callId, RowTimes::Milliseconds);
        QJsonObject payload {{QStringLiteral("conversationId"), conversation},
            {QStringLiteral("agentId"), field(event, type, QStringLiteral("agent_id"))},
            {QStringLiteral("call"), call}, {QStringLiteral("analysis"), QJsonValue()},
            {QStringLiteral("status"), field(event, type, QStringLiteral("status"))},
            {QStringLiteral("endedBy"), type}};
        if (!call.value(QStringLiteral("lead_id")).isNull())
            payload.insert(QStringLiteral("leadId"), call.value(QStringLiteral("lead_id")));
        const auto campaign
            = event.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("campaignId"));
        if (!campaign.isUndefined())
            payload.insert(QStringLiteral("campaignId"), campaign);
        completeOnce(context, callId, recordId, payload);
    }
    return call;
}

void ElevenLabsLiveCalls::recordTranscript(
    SqlContext &context, qint64 callId, const QJsonObject &data, const QString &recordId)
{
    const auto startMs = timeMs(
        data.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("start_time_unix_secs")));
    auto &call = context.run(QStringLiteral("SELECT started_at FROM calls WHERE id = ?"), {callId});
    const auto callStart = call.next() ? call.value(0).toLongLong() : 0;
    call.finish();
    const auto base = startMs > 0 ? startMs : callStart;
    for (const auto &value : data.value(QStringLiteral("transcript")).toArray()) {
        const auto turn = value.toObject();
        const auto role = callTurnKindFromName(turn.value(QStringLiteral("role")).toString());
        const auto text = turn.value(QStringLiteral("message")).toString();
        if (!role || (*role != CallTurnKind::Agent && *role != CallTurnKind::User) || text.isEmpty())
            continue;
        LiveCallEvent live;
        live.kind = *role;
        live.eventType = QStringLiteral("post_call_transcription");
        live.text = text;
        live.atMs = base + qint64(turn.value(QStringLiteral("time_in_call_secs")).toDouble() * 1000);
        live.raw = turn;
        if (turn.value(QStringLiteral("interrupted")).toBool())
            live.raw.insert(QStringLiteral("interrupted"), true);
        LiveCalls::record(context, callId, live);
    }
    LiveCalls::syncMessages(context, callId, recordId);
}

} // namespace sb
