#include "TelephonyCallbacks.h"

#include "domain/PhoneNumber.h"
#include "inbound/ProviderSupport.h"
#include "inbound/elevenlabs/ElevenLabsLiveCalls.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>

namespace sb {

namespace {

QString key(const QString &provider, const QString &kind, const QStringList &parts)
{
    for (const auto &part : parts) {
        if (part.isEmpty())
            return {};
    }
    return provider + QLatin1Char(':') + kind + QLatin1Char(':') + parts.join(QLatin1Char(':'));
}

QString messageSid(const FormFields &form)
{
    const auto sid = form.value(u"MessageSid");
    return sid.isEmpty() ? form.value(u"SmsSid") : sid;
}

QString messageStatusOf(const FormFields &form)
{
    const auto status = form.value(u"MessageStatus");
    return status.isEmpty() ? form.value(u"SmsStatus") : status;
}

ApiError missing(const QString &fields)
{
    return ApiError {ErrorKind::BadRequest, QStringLiteral("missing form field %1").arg(fields), {}};
}

std::optional<qint64> number(const FormFields &form, QStringView name)
{
    bool ok = false;
    const auto value = form.value(name).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// The remote party of a call: the caller of an inbound call, the callee of an outbound one.
QString counterparty(const FormFields &form)
{
    return form.value(u"Direction").startsWith(QLatin1String("outbound")) ? form.value(u"To")
                                                                          : form.value(u"From");
}

std::optional<qint64> leadForNumber(SqlContext &context, const QString &raw, const TelephonyContext &call)
{
    const auto e164 = PhoneNumber::toE164(raw, call.phoneRegion);
    if (e164.isEmpty())
        return std::nullopt;
    return LeadDirectory::forPhone(context, e164, call.provider, call.recordId).id;
}

QString filled(QString text, const LeadMatch &lead)
{
    const auto first = lead.name.section(QLatin1Char(' '), 0, 0);
    text.replace(QLatin1String("{name}"), lead.name.isEmpty() ? QStringLiteral("there") : lead.name);
    text.replace(QLatin1String("{first_name}"), first.isEmpty() ? QStringLiteral("there") : first);
    return text;
}

} // namespace

QString TelephonyCallbacks::inboundSmsKey(const QString &provider, const FormFields &form)
{
    if (form.value(u"From").isEmpty())
        return {};
    return key(provider, QStringLiteral("sms"), {messageSid(form)});
}

QString TelephonyCallbacks::messageStatusKey(const QString &provider, const FormFields &form)
{
    return key(provider, QStringLiteral("sms-status"), {messageSid(form), messageStatusOf(form)});
}

QString TelephonyCallbacks::callStatusKey(const QString &provider, const FormFields &form)
{
    return key(provider, QStringLiteral("call"), {form.value(u"CallSid"), form.value(u"CallStatus")});
}

QString TelephonyCallbacks::recordingKey(const QString &provider, const FormFields &form)
{
    const auto status = form.value(u"RecordingStatus");
    if (form.value(u"CallSid").isEmpty())
        return {};
    return key(provider, QStringLiteral("recording"),
        {form.value(u"RecordingSid"), status.isEmpty() ? QStringLiteral("completed") : status});
}

ApiResponse TelephonyCallbacks::duplicateAnswer()
{
    return twiml();
}

bool TelephonyCallbacks::isOptOut(const QString &body)
{
    static const QStringList keywords {QStringLiteral("STOP"), QStringLiteral("STOPALL"),
        QStringLiteral("UNSUBSCRIBE"), QStringLiteral("CANCEL"), QStringLiteral("END"),
        QStringLiteral("QUIT"), QStringLiteral("OPTOUT")};
    return keywords.contains(body.trimmed().toUpper());
}

ApiResult TelephonyCallbacks::inboundSms(
    SqlContext &context, const FormFields &form, const TelephonyContext &call)
{
    if (messageSid(form).isEmpty() || form.value(u"From").isEmpty())
        return missing(QStringLiteral("MessageSid and From"));
    const auto e164 = PhoneNumber::toE164(form.value(u"From"), call.phoneRegion);
    if (e164.isEmpty())
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("From \"%1\" is not a phone number").arg(form.value(u"From")), {}};
    const auto lead = LeadDirectory::forPhone(context, e164, call.provider, call.recordId);

    NewMessage message;
    message.leadId = lead.id;
    message.channel = Channel::Sms;
    message.direction = Direction::Inbound;
    message.provider = call.provider;
    message.providerMessageId = messageSid(form);
    message.from = e164;
    message.to = form.value(u"To");
    message.body = form.value(u"Body");
    message.status = MessageStatus::Received;
    message.recordId = call.recordId;
    // MMS: media stays at the provider; its URL and type are the attachment's metadata.
    const int media = form.value(u"NumMedia").toInt();
    for (int i = 0; i < media && i < 10; ++i) {
        message.attachments.append(
            QJsonObject {{QStringLiteral("url"), form.value(QStringLiteral("MediaUrl%1").arg(i))},
                {QStringLiteral("contentType"), form.value(QStringLiteral("MediaContentType%1").arg(i))}});
    }
    MessagingRepository::addMessage(context, message);

    if (isOptOut(message.body)) {
        LeadDirectory::markDoNotContact(
            context, lead.id, QStringLiteral("sms opt-out (%1)").arg(message.body.trimmed()), call.recordId);
        return twiml(); // the carrier/Twilio sends the opt-out confirmation itself
    }
    if (call.autoReplyTemplate.isEmpty() || lead.doNotContact)
        return twiml();
    return twiml(filled(call.autoReplyTemplate, lead));
}

ApiResult TelephonyCallbacks::messageStatus(
    SqlContext &context, const FormFields &form, const TelephonyContext &call)
{
    const auto status = messageStatusOf(form);
    if (messageSid(form).isEmpty() || status.isEmpty())
        return missing(QStringLiteral("MessageSid and MessageStatus"));
    MessageStatusUpdate update;
    update.provider = call.provider;
    update.providerMessageId = messageSid(form);
    update.status = messageStatusFromName(status);
    update.event = status;
    update.errorCode = form.value(u"ErrorCode");
    update.errorMessage = form.value(u"ErrorMessage");
    for (const auto &field : form.items)
        update.detail.insert(field.name, field.value);
    update.recordId = call.recordId;
    // A status for a message sent outside Switchboard: thread it under the recipient.
    const auto e164 = PhoneNumber::toE164(form.value(u"To"), call.phoneRegion);
    if (!e164.isEmpty()) {
        NewMessage message;
        message.leadId = LeadDirectory::forPhone(context, e164, call.provider, call.recordId).id;
        message.channel = Channel::Sms;
        message.direction = Direction::Outbound;
        message.provider = call.provider;
        message.providerMessageId = update.providerMessageId;
        message.from = form.value(u"From");
        message.to = e164;
        message.recordId = call.recordId;
        update.ifUnknown = message;
    }
    if (!MessagingRepository::updateMessageStatus(context, update))
        return ApiError {ErrorKind::Unprocessable,
            QStringLiteral("unknown message %1 and no recipient number to thread it under")
                .arg(update.providerMessageId),
            {}};
    return twiml();
}

ApiResult TelephonyCallbacks::callStatus(
    SqlContext &context, const FormFields &form, const TelephonyContext &call)
{
    if (form.value(u"CallSid").isEmpty() || form.value(u"CallStatus").isEmpty())
        return missing(QStringLiteral("CallSid and CallStatus"));
    CallUpdate update;
    update.provider = call.provider;
    update.callRef = form.value(u"CallSid");
    update.leadId = leadForNumber(context, counterparty(form), call);
    update.direction = form.value(u"Direction");
    update.from = form.value(u"From");
    update.to = form.value(u"To");
    update.status = callStatusFromName(form.value(u"CallStatus"));
    update.durationSeconds = number(form, u"CallDuration");
    if (!update.durationSeconds)
        update.durationSeconds = number(form, u"Duration");
    update.recordingSid = form.value(u"RecordingSid");
    update.recordingUrl = form.value(u"RecordingUrl");
    update.recordingDurationSeconds = number(form, u"RecordingDuration");
    update.recordId = call.recordId;
    // Status callbacks carry when it happened (RFC 2822): out of order, the call keeps the earliest
    // start and the latest end.
    const auto happened = QDateTime::fromString(form.value(u"Timestamp"), Qt::RFC2822Date);
    if (happened.isValid())
        update.occurredAtMs = happened.toMSecsSinceEpoch();
    MessagingRepository::upsertCall(context, update);
    // The call carried an AI-agent conversation: its end ends that too (one conversation.completed).
    if (update.status && isCallEnded(*update.status))
        ElevenLabsLiveCalls::telephonyEnded(context, update.callRef, call.recordId);
    return twiml();
}

ApiResult TelephonyCallbacks::recording(
    SqlContext &context, const FormFields &form, const TelephonyContext &call)
{
    if (form.value(u"RecordingSid").isEmpty() || form.value(u"CallSid").isEmpty())
        return missing(QStringLiteral("RecordingSid and CallSid"));
    const auto status = form.value(u"RecordingStatus");
    CallUpdate update;
    update.provider = call.provider;
    update.callRef = form.value(u"CallSid");
    update.recordingSid = form.value(u"RecordingSid");
    update.recordId = call.recordId;
    if (status.isEmpty() || status == QLatin1String("completed")) {
        update.recordingUrl = form.value(u"RecordingUrl");
        update.recordingDurationSeconds = number(form, u"RecordingDuration");
    }
    const auto json = MessagingRepository::upsertCall(context, update);
    if (status == QLatin1String("in-progress"))
        context.raise(QStringLiteral("recording.started"), call.recordId,
            {{QStringLiteral("call"), json}, {QStringLiteral("callId"), update.callRef},
                {QStringLiteral("recordingSid"), update.recordingSid},
                {QStringLiteral("provider"), call.provider}});
    return twiml();
}

} // namespace sb
