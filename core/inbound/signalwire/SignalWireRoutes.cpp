#include "SignalWireRoutes.h"

#include "domain/PhoneNumber.h"
#include "inbound/twilio/TelephonyCallbacks.h"
#include "security/NetworkTrust.h"
#include "server/RouteTable.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QHostAddress>
#include <memory>

namespace sb {

namespace {

const ProviderAuth signalWireAuth {
    QStringLiteral("signalwire"), SignatureScheme::SignalWire, {QStringLiteral("SIGNALWIRE_SIGNING_KEY")}};

// RELAY call states (created, ringing, answered, ending, ended) and the seed's event names, as the
// call statuses MessagingRepository orders.
std::optional<CallStatus> callStatusFor(const QString &eventType, const QString &state)
{
    auto value = state.isEmpty() ? eventType.section(QLatin1Char('.'), 1) : state;
    if (value == QLatin1String("ended") || value == QLatin1String("ending"))
        return CallStatus::Completed;
    if (value == QLatin1String("created"))
        return CallStatus::Queued;
    return callStatusFromName(value);
}

ApiResult applyJson(
    SqlContext &context, const QJsonObject &event, const QString &phoneRegion, const QString &recordId)
{
    const auto eventType = event.value(QStringLiteral("event_type")).toString();
    const auto direction = event.value(QStringLiteral("direction")).toString();
    CallUpdate update;
    update.provider = QStringLiteral("signalwire");
    update.callRef = event.value(QStringLiteral("call_id")).toString();
    update.direction = direction;
    update.from = event.value(QStringLiteral("from")).toString();
    update.to = event.value(QStringLiteral("to")).toString();
    update.recordId = recordId;
    update.metadata = event.value(QStringLiteral("metadata")).toObject();
    const auto remote
        = PhoneNumber::toE164(direction == QLatin1String("outbound") ? update.to : update.from, phoneRegion);
    if (!remote.isEmpty())
        update.leadId = LeadDirectory::forPhone(context, remote, update.provider, recordId).id;
    if (const auto seconds = durationSeconds(event.value(QStringLiteral("duration"))))
        update.durationSeconds = seconds;
    const bool recording = eventType.startsWith(QLatin1String("recording."));
    if (!recording)
        update.status = callStatusFor(eventType, event.value(QStringLiteral("state")).toString());
    if (eventType == QLatin1String("recording.completed")) {
        update.recordingSid = event.value(QStringLiteral("recording_id")).toString();
        update.recordingUrl = event.value(QStringLiteral("recording_url")).toString();
        if (const auto seconds = durationSeconds(event.value(QStringLiteral("recording_duration"))))
            update.recordingDurationSeconds = seconds;
    }
    const auto call = MessagingRepository::upsertCall(context, update);
    // A recording event without a URL still happened: say so (with a URL upsertCall already did).
    if (eventType == QLatin1String("recording.started")
        || (eventType == QLatin1String("recording.completed") && update.recordingUrl.isEmpty())) {
        QJsonObject payload {{QStringLiteral("call"), call}, {QStringLiteral("callId"), update.callRef},
            {QStringLiteral("provider"), update.provider}, {QStringLiteral("metadata"), update.metadata}};
        if (update.metadata.contains(QStringLiteral("campaignId")))
            payload.insert(QStringLiteral("campaignId"), update.metadata.value(QStringLiteral("campaignId")));
        context.raise(eventType, recordId, payload);
    }
    return providerOk();
}

Ingest signalWireIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    if (auto refused = refusedByAllowlist(
            request, dependencies, QStringLiteral("signalwire"), QStringLiteral("SIGNALWIRE_ALLOWED_IPS")))
        return std::move(*refused);
    // Secret and signature header first: nothing is parsed for a request that cannot verify.
    const auto early = signalWireAuth.precheck(request, dependencies);
    if (early && !early->accepted())
        return verifiedIngest(QStringLiteral("signalwire"), *early);

    // RELAY/SWML callbacks are JSON, signed over the raw body; compatibility (LaML) callbacks are
    // forms, signed over their fields. The Content-Type alone decides which, and the body is parsed
    // once, by that rule, for the check and for the handler.
    const auto mediaType = mediaTypeOf(request);
    const bool json
        = mediaType == "application/json" || (mediaType.isEmpty() && request.body.trimmed().startsWith('{'));
    if (json) {
        auto parsed = JsonBody::object(request.body);
        if (auto *error = std::get_if<ApiError>(&parsed))
            return refusedUnverified(QStringLiteral("signalwire"), SignatureScheme::SignalWire, *error);
        auto event = std::get<QJsonObject>(std::move(parsed));
        auto ingest = verifiedIngest(
            QStringLiteral("signalwire"), early ? *early : signalWireAuth.verify(request, dependencies));
        ingest.source = QStringLiteral("signalwire");
        if (ingest.rejection)
            return ingest;
        if (ingest.verification.scheme == QLatin1String("signalwire-compat-json")) {
            // The compatibility rule over a JSON body signs each top-level member as JavaScript text,
            // so a nested object is signed as "[object Object]": its content was not verified and is
            // not applied.
            for (const auto &key : event.keys()) {
                const auto value = event.value(key);
                bool covered = !value.isObject();
                for (const auto &element : value.toArray())
                    covered = covered && !element.isObject() && !element.isArray();
                if (!covered)
                    event.remove(key);
            }
        }
        if (event.value(QStringLiteral("call_id")).toString().isEmpty()) {
            ingest.rejection = ApiError {ErrorKind::BadRequest, QStringLiteral("call_id is required"), {}};
            return ingest;
        }
        ingest.eventType = event.value(QStringLiteral("event_type")).toString();
        auto state = event.value(QStringLiteral("state")).toString();
        if (state.isEmpty())
            state = ingest.eventType;
        ingest.dedupKey = QStringLiteral("signalwire:") + event.value(QStringLiteral("call_id")).toString()
            + QLatin1Char(':') + state;
        ingest.answerDuplicatesWith(providerOk());
        ingest.apply = [event, region = dependencies.phoneRegion, recordId = request.recordId](
                           SqlContext &context) { return applyJson(context, event, region, recordId); };
        return ingest;
    }

    // Compatibility callbacks: the Twilio field set, as a urlencoded form only.
    auto parsed = parseCallbackForm(request, false);
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        if (error->kind == ErrorKind::UnsupportedMediaType)
            error->message += QStringLiteral(" (or application/json for RELAY/SWML callbacks)");
        return refusedUnverified(QStringLiteral("signalwire"), SignatureScheme::SignalWire, *error);
    }
    const auto form = std::get<CallbackForm>(std::move(parsed)).fields;
    auto ingest = verifiedIngest(
        QStringLiteral("signalwire"), early ? *early : signalWireAuth.verify(request, dependencies, form));
    ingest.source = QStringLiteral("signalwire");
    if (ingest.rejection)
        return ingest;
    TelephonyContext call;
    call.provider = QStringLiteral("signalwire");
    call.phoneRegion = dependencies.phoneRegion;
    call.recordId = request.recordId;
    ApiResult (*apply)(SqlContext &, const FormFields &, const TelephonyContext &) = nullptr;
    if (form.contains(u"RecordingSid")) {
        apply = &TelephonyCallbacks::recording;
        ingest.dedupKey = TelephonyCallbacks::recordingKey(call.provider, form);
        ingest.eventType = QStringLiteral("recording.") + form.value(u"RecordingStatus");
    } else if (form.contains(u"CallSid")) {
        apply = &TelephonyCallbacks::callStatus;
        ingest.dedupKey = TelephonyCallbacks::callStatusKey(call.provider, form);
        ingest.eventType = QStringLiteral("call.") + form.value(u"CallStatus");
    } else if (form.contains(u"MessageStatus")
        || (form.contains(u"SmsStatus") && form.value(u"SmsStatus") != QLatin1String("received"))) {
        apply = &TelephonyCallbacks::messageStatus;
        ingest.dedupKey = TelephonyCallbacks::messageStatusKey(call.provider, form);
        ingest.eventType = QStringLiteral("sms.status");
    } else if (form.contains(u"MessageSid") || form.contains(u"SmsSid")) {
        apply = &TelephonyCallbacks::inboundSms;
        ingest.dedupKey = TelephonyCallbacks::inboundSmsKey(call.provider, form);
        ingest.eventType = QStringLiteral("sms.received");
    } else {
        ingest.rejection = ApiError {ErrorKind::BadRequest,
            QStringLiteral("neither a JSON event nor a call or message callback "
                           "(no CallSid, MessageSid or RecordingSid)"),
            {}};
        return ingest;
    }
    ingest.answerDuplicatesWith(TelephonyCallbacks::duplicateAnswer());
    ingest.apply = [apply, form, call](SqlContext &context) { return apply(context, form, call); };
    return ingest;
}

} // namespace

void registerSignalWireRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    routes::addWebhook(router, QStringLiteral("/api/webhooks/signalwire"), ApiFamily::Provider,
        QStringLiteral("signalwire"), false,
        [shared](const ApiRequest &request) { return signalWireIngest(request, *shared); });
}

} // namespace sb
