#include "ElevenLabsRoutes.h"

#include "ElevenLabsLiveCalls.h"
#include "domain/EventCatalog.h"
#include "domain/PhoneNumber.h"
#include "security/ConstantTime.h"
#include "server/RouteTable.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/RecordingRepository.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <memory>

namespace sb {

namespace {

const QString base = QStringLiteral("/api/webhooks/elevenlabs");
const QString webhookSecret = QStringLiteral("ELEVENLABS_WEBHOOK_SECRET");
const QString defaultInitiationHeader = QStringLiteral("X-Initiation-Secret");

ProviderAuth authFor(const QString &specificSecret)
{
    QStringList names;
    if (!specificSecret.isEmpty())
        names.append(specificSecret);
    names.append(webhookSecret);
    return {QStringLiteral("elevenlabs"), SignatureScheme::ElevenLabs, names};
}

// Parses the JSON body into `event` once verified; false (with the rejection set) otherwise.
bool parsedIngest(const ApiRequest &request, const ProviderDependencies &dependencies,
    const QString &specificSecret, Ingest &ingest, QJsonObject &event)
{
    ingest
        = verifiedIngest(QStringLiteral("elevenlabs"), authFor(specificSecret).verify(request, dependencies));
    ingest.source = QStringLiteral("elevenlabs");
    if (ingest.rejection)
        return false;
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        ingest.rejection = *error;
        return false;
    }
    event = std::get<QJsonObject>(std::move(parsed));
    return true;
}

QString dedupKey(const QString &conversation, const QString &type, const QString &discriminator = {})
{
    if (conversation.isEmpty() || type.isEmpty())
        return {};
    QString key = QStringLiteral("elevenlabs:") + conversation + QLatin1Char(':') + type;
    if (!discriminator.isEmpty())
        key += QLatin1Char(':') + discriminator;
    return key;
}

QJsonObject withCampaign(QJsonObject payload, const QJsonObject &metadata)
{
    if (metadata.contains(QStringLiteral("campaignId")))
        payload.insert(QStringLiteral("campaignId"), metadata.value(QStringLiteral("campaignId")));
    return payload;
}

// "conversation_started" / "agent.speaking" -> the catalog name, or empty when not in the catalog.
QString catalogName(const QString &type)
{
    auto name = type.trimmed();
    if (EventCatalog::contains(name))
        return name;
    const auto underscore = name.indexOf(QLatin1Char('_'));
    if (underscore > 0)
        name[underscore] = QLatin1Char('.');
    return EventCatalog::contains(name) ? name : QString();
}

// Seed 001's voice.completed ({"call_id", "duration", "voice_id", "agent_id", "metadata"}) ends the
// call it names: the call already known under that id (an ElevenLabs conversation, or the Twilio
// call an ElevenLabs agent answered), else a new ElevenLabs call row. Returns the call JSON.
QJsonObject completeCall(
    SqlContext &context, const QJsonObject &event, const QString &callId, const QString &recordId)
{
    auto &known = context.run(QStringLiteral("SELECT provider FROM calls WHERE call_ref = ? ORDER BY "
                                             "CASE WHEN provider = ? THEN 0 ELSE 1 END, id LIMIT 1"),
        {callId, QStringLiteral("elevenlabs")});
    CallUpdate update;
    update.provider = known.next() ? known.value(0).toString() : QStringLiteral("elevenlabs");
    known.finish();
    update.callRef = callId;
    update.status = CallStatus::Completed;
    update.durationSeconds = durationSeconds(event.value(QStringLiteral("duration")));
    update.recordId = recordId;
    QJsonObject metadata = event.value(QStringLiteral("metadata")).toObject();
    for (const auto *field : {"voice_id", "agent_id"}) {
        const auto value = event.value(QLatin1String(field));
        if (value.isString())
            metadata.insert(QLatin1String(field), value);
    }
    update.metadata = metadata;
    return MessagingRepository::upsertCall(context, update);
}

// Seed 001: {"event_type": "voice.completed", "call_id": .., "metadata": {..}, ...}
Ingest genericIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    Ingest ingest;
    QJsonObject event;
    if (!parsedIngest(request, dependencies, {}, ingest, event))
        return ingest;
    const auto type
        = event.value(QStringLiteral("event_type")).toString(event.value(QStringLiteral("type")).toString());
    if (type.isEmpty()) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, QStringLiteral("event_type is required"), {}};
        return ingest;
    }
    ingest.eventType = type;
    auto conversation = event.value(QStringLiteral("conversation_id")).toString();
    if (conversation.isEmpty())
        conversation = event.value(QStringLiteral("call_id")).toString();
    ingest.dedupKey = dedupKey(conversation, type);
    ingest.answerDuplicatesWith(providerOk());
    ingest.apply = [event, type, recordId = request.recordId](SqlContext &context) -> ApiResult {
        const auto name = catalogName(type);
        auto payload = withCampaign(event, event.value(QStringLiteral("metadata")).toObject());
        const auto callId = event.value(QStringLiteral("call_id")).toString();
        QJsonObject call;
        if (name == QLatin1String("voice.completed") && !callId.isEmpty()) {
            call = completeCall(context, event, callId, recordId);
            payload.insert(QStringLiteral("call"), call);
        }
        if (!name.isEmpty())
            context.raise(name, recordId, payload);
        if (!call.isEmpty()) {
            // The call's one conversation.completed, unless another end event raised it.
            QJsonObject completed {{QStringLiteral("conversationId"), callId},
                {QStringLiteral("agentId"), event.value(QStringLiteral("agent_id"))},
                {QStringLiteral("call"), call}, {QStringLiteral("analysis"), QJsonValue()},
                {QStringLiteral("status"), event.value(QStringLiteral("status"))},
                {QStringLiteral("endedBy"), name}};
            if (!call.value(QStringLiteral("lead_id")).isNull())
                completed.insert(QStringLiteral("leadId"), call.value(QStringLiteral("lead_id")));
            ElevenLabsLiveCalls::completeOnce(context, call.value(QStringLiteral("id")).toInteger(), recordId,
                withCampaign(completed, event.value(QStringLiteral("metadata")).toObject()));
        }
        return providerOk();
    };
    return ingest;
}

QString transcriptText(const QJsonArray &turns)
{
    QStringList lines;
    for (const auto &turn : turns) {
        const auto object = turn.toObject();
        const auto message = object.value(QStringLiteral("message")).toString();
        if (!message.isEmpty())
            lines.append(object.value(QStringLiteral("role")).toString() + QStringLiteral(": ") + message);
    }
    return lines.join(QLatin1Char('\n'));
}

// https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks: {"type":
// "post_call_transcription" | "post_call_audio" | "call_initiation_failure", "data": {...}}
Ingest postCallIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    Ingest ingest;
    QJsonObject event;
    if (!parsedIngest(
            request, dependencies, QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET"), ingest, event))
        return ingest;
    const auto type = event.value(QStringLiteral("type")).toString();
    const auto data = event.value(QStringLiteral("data")).toObject();
    const auto conversation = data.value(QStringLiteral("conversation_id")).toString();
    if (type.isEmpty() || conversation.isEmpty()) {
        ingest.rejection = ApiError {
            ErrorKind::BadRequest, QStringLiteral("type and data.conversation_id are required"), {}};
        return ingest;
    }
    ingest.eventType = type;
    ingest.dedupKey = dedupKey(conversation, type);
    ingest.answerDuplicatesWith(providerOk());
    ingest.apply = [type, data, conversation, region = dependencies.phoneRegion, recordId = request.recordId](
                       SqlContext &context) -> ApiResult {
        if (type == QLatin1String("post_call_audio")) {
            // data.full_audio: the conversation's MP3, base64; kept as the call's recording.
            RecordingRepository::keepElevenLabsAudio(
                context, conversation, data.value(QStringLiteral("full_audio")).toString(), recordId);
            return providerOk();
        }
        const auto metadata = data.value(QStringLiteral("metadata")).toObject();
        const auto phoneCall = metadata.value(QStringLiteral("phone_call")).toObject();
        const auto variables = data.value(QStringLiteral("conversation_initiation_client_data"))
                                   .toObject()
                                   .value(QStringLiteral("dynamic_variables"))
                                   .toObject();
        auto number = phoneCall.value(QStringLiteral("external_number")).toString();
        if (number.isEmpty())
            number = variables.value(QStringLiteral("system__caller_id")).toString();
        CallUpdate update;
        update.provider = QStringLiteral("elevenlabs");
        update.callRef = conversation;
        update.direction = phoneCall.value(QStringLiteral("direction")).toString();
        update.from = number;
        update.to = phoneCall.value(QStringLiteral("agent_number")).toString();
        update.status
            = type == QLatin1String("call_initiation_failure") ? CallStatus::Failed : CallStatus::Completed;
        if (const auto seconds = durationSeconds(metadata.value(QStringLiteral("call_duration_secs"))))
            update.durationSeconds = seconds;
        update.transcript = transcriptText(data.value(QStringLiteral("transcript")).toArray());
        update.summary = data.value(QStringLiteral("analysis"))
                             .toObject()
                             .value(QStringLiteral("transcript_summary"))
                             .toString();
        update.recordId = recordId;
        update.endReason = metadata.value(QStringLiteral("termination_reason")).toString();
        const auto e164 = PhoneNumber::toE164(number, region);
        if (!e164.isEmpty())
            update.leadId = LeadDirectory::forPhone(context, e164, update.provider, recordId).id;
        auto call = MessagingRepository::upsertCall(context, update);
        const auto callId = call.value(QStringLiteral("id")).toInteger();
        ElevenLabsLiveCalls::linkTelephony(context, callId, QJsonObject {{QStringLiteral("data"), data}});
        // The turns the live events did not bring (none twice), in the lead's voice thread.
        ElevenLabsLiveCalls::recordTranscript(context, callId, data, recordId);
        if (type == QLatin1String("post_call_transcription")) {
            QJsonObject payload {{QStringLiteral("conversationId"), conversation},
                {QStringLiteral("agentId"), data.value(QStringLiteral("agent_id"))},
                {QStringLiteral("call"), call},
                {QStringLiteral("analysis"), data.value(QStringLiteral("analysis"))},
                {QStringLiteral("status"), data.value(QStringLiteral("status"))}};
            if (update.leadId)
                payload.insert(QStringLiteral("leadId"), *update.leadId);
            ElevenLabsLiveCalls::completeOnce(context, callId, recordId, withCampaign(payload, variables));
        }
        return providerOk();
    };
    return ingest;
}

// Real-time events during a call: {"type" or "event_type", "conversation_id" (or in "data"), ...}.
Ingest conversationEventsIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    Ingest ingest;
    QJsonObject event;
    if (!parsedIngest(request, dependencies, QStringLiteral("ELEVENLABS_CONVERSATION_EVENTS_WEBHOOK_SECRET"),
            ingest, event))
        return ingest;
    const auto type
        = event.value(QStringLiteral("type")).toString(event.value(QStringLiteral("event_type")).toString());
    auto conversation = event.value(QStringLiteral("conversation_id")).toString();
    if (conversation.isEmpty())
        conversation = event.value(QStringLiteral("data"))
                           .toObject()
                           .value(QStringLiteral("conversation_id"))
                           .toString();
    if (conversation.isEmpty())
        conversation = event.value(type + QStringLiteral("_event"))
                           .toObject()
                           .value(QStringLiteral("conversation_id"))
                           .toString();
    if (type.isEmpty()) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, QStringLiteral("type is required"), {}};
        return ingest;
    }
    ingest.eventType = type;
    // A conversation repeats some event types (agent turns): an event id or timestamp tells them apart.
    auto discriminator = event.value(QStringLiteral("event_id")).toVariant().toString();
    if (discriminator.isEmpty()) {
        const auto typed = event.value(type == QLatin1String("user_transcript")
                ? QStringLiteral("user_transcription_event")
                : type + QStringLiteral("_event"));
        discriminator = typed.toObject().value(QStringLiteral("event_id")).toVariant().toString();
    }
    if (discriminator.isEmpty())
        discriminator = event.value(QStringLiteral("event_timestamp")).toVariant().toString();
    ingest.dedupKey = dedupKey(conversation, type, discriminator);
    ingest.answerDuplicatesWith(providerOk());
    ingest.apply = [event, type, conversation, region = dependencies.phoneRegion,
                       recordId = request.recordId](SqlContext &context) -> ApiResult {
        // The call's live state, turns and marks; an end event raises the one conversation.completed.
        const auto call = ElevenLabsLiveCalls::apply(context, event, type, conversation, region, recordId);
        const auto name = catalogName(type);
        if (!name.isEmpty() && !ElevenLabsLiveCalls::isEndEvent(type)) {
            auto payload = withCampaign(event, event.value(QStringLiteral("metadata")).toObject());
            if (!call.isEmpty() && !call.value(QStringLiteral("conversation_id")).isNull())
                payload.insert(
                    QStringLiteral("conversationId"), call.value(QStringLiteral("conversation_id")));
            context.raise(name, recordId, payload);
        }
        return providerOk();
    };
    return ingest;
}

Verification verifyInitiation(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    const auto &secrets = dependencies.secrets;
    auto headerName = secrets.value(QStringLiteral("ELEVENLABS_INITIATION_HEADER"));
    if (headerName.isEmpty())
        headerName = defaultInitiationHeader;
    const auto shared = secrets.value(QStringLiteral("ELEVENLABS_INITIATION_SECRET"));
    const bool signedRequest = !request.header("ElevenLabs-Signature").isEmpty();
    if (!shared.isEmpty() && !(signedRequest && secrets.has(webhookSecret))) {
        Verification verification;
        verification.scheme = QStringLiteral("shared-header");
        const auto presented = request.header(headerName.toLatin1());
        if (!presented.isEmpty() && constantTimeEquals(presented, shared.toUtf8())) {
            verification.outcome = Verification::Outcome::Verified;
        } else {
            verification.outcome = Verification::Outcome::Invalid;
            verification.detail = presented.isEmpty()
                ? QStringLiteral("missing %1 header").arg(headerName)
                : QStringLiteral("%1 does not match ELEVENLABS_INITIATION_SECRET").arg(headerName);
        }
        return verification;
    }
    ProviderAuth auth {QStringLiteral("elevenlabs"), SignatureScheme::ElevenLabs, {webhookSecret}};
    if (!secrets.has(webhookSecret))
        auth.secretNames = {QStringLiteral("ELEVENLABS_INITIATION_SECRET"), webhookSecret};
    return auth.verify(request, dependencies);
}

// The answer to an initiation request; a repeat (`duplicate`) finds the lead but creates nothing and
// raises no event.
ApiResult initiationAnswer(SqlContext &context, const QJsonObject &event, const QString &callSid,
    const QString &region, const QString &recordId, bool duplicate)
{
    const auto caller = event.value(QStringLiteral("caller_id")).toString();
    const auto e164 = PhoneNumber::toE164(caller, region);
    QJsonObject variables {{QStringLiteral("caller_id"), caller}};
    if (!e164.isEmpty()) {
        const auto lead = duplicate
            ? LeadDirectory::findByPhone(context, e164).value_or(LeadMatch {})
            : LeadDirectory::forPhone(context, e164, QStringLiteral("elevenlabs"), recordId);
        if (lead.id > 0) {
            variables.insert(QStringLiteral("lead_id"), QString::number(lead.id));
            variables.insert(QStringLiteral("lead_name"), lead.name);
            variables.insert(QStringLiteral("is_new_lead"), lead.created);
            variables.insert(QStringLiteral("do_not_contact"), lead.doNotContact);
            variables.insert(
                QStringLiteral("recent_history"), MessagingRepository::recentHistory(context, lead.id));
            if (!duplicate)
                context.raise(QStringLiteral("conversation.started"), recordId,
                    {{QStringLiteral("leadId"), lead.id}, {QStringLiteral("callSid"), callSid},
                        {QStringLiteral("agentId"), event.value(QStringLiteral("agent_id"))},
                        {QStringLiteral("callerId"), caller},
                        {QStringLiteral("calledNumber"), event.value(QStringLiteral("called_number"))}});
        }
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("type"), QStringLiteral("conversation_initiation_client_data")},
            {QStringLiteral("dynamic_variables"), variables}});
}

// https://elevenlabs.io/docs/agents-platform/customization/personalization/twilio-personalization:
// request {"caller_id", "agent_id", "called_number", "call_sid"}; answer
// {"type": "conversation_initiation_client_data", "dynamic_variables": {...}}.
Ingest initiationIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    auto ingest = verifiedIngest(QStringLiteral("elevenlabs"), verifyInitiation(request, dependencies));
    ingest.source = QStringLiteral("elevenlabs");
    ingest.eventType = QStringLiteral("conversation_initiation");
    if (ingest.rejection)
        return ingest;
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        ingest.rejection = *error;
        return ingest;
    }
    const auto event = std::get<QJsonObject>(std::move(parsed));
    const auto callSid = event.value(QStringLiteral("call_sid")).toString();
    ingest.dedupKey = dedupKey(callSid, QStringLiteral("conversation_initiation"));
    // A retried initiation still needs its answer; only the lead and event are not made twice.
    ingest.duplicateAnswer = [event, callSid, region = dependencies.phoneRegion, recordId = request.recordId](
                                 SqlContext &context, const ProcessedRequest &) {
        return initiationAnswer(context, event, callSid, region, recordId, true);
    };
    ingest.apply = [event, callSid, region = dependencies.phoneRegion, recordId = request.recordId](
                       SqlContext &context) {
        return initiationAnswer(context, event, callSid, region, recordId, false);
    };
    return ingest;
}

// Seed 001: "Source IP against ElevenLabs' IP ranges" on every ElevenLabs route, before anything is
// verified or parsed.
WebhookHandler allowlisted(std::shared_ptr<ProviderDependencies> shared,
    Ingest (*ingest)(const ApiRequest &, const ProviderDependencies &))
{
    return [shared, ingest](const ApiRequest &request) {
        if (auto refused = refusedByAllowlist(
                request, *shared, QStringLiteral("elevenlabs"), QStringLiteral("ELEVENLABS_ALLOWED_IPS")))
            return std::move(*refused);
        return ingest(request, *shared);
    };
}

} // namespace

void registerElevenLabsRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    routes::addWebhook(router, base, ApiFamily::Provider, QStringLiteral("elevenlabs"), false,
        allowlisted(shared, genericIngest));
    routes::addWebhook(router, base + QStringLiteral("/post-call"), ApiFamily::Provider,
        QStringLiteral("elevenlabs.post_call"), false, allowlisted(shared, postCallIngest));
    routes::addWebhook(router, base + QStringLiteral("/conversation-events"), ApiFamily::Provider,
        QStringLiteral("elevenlabs.conversation_events"), false,
        allowlisted(shared, conversationEventsIngest));
    routes::addWebhook(router, base + QStringLiteral("/conversation-initiation"), ApiFamily::Provider,
        QStringLiteral("elevenlabs.conversation_initiation"), false, allowlisted(shared, initiationIngest));
}

} // namespace sb
