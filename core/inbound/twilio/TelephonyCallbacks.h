#pragma once

#include "http/FormParser.h"
#include "http/HttpTypes.h"

namespace sb {

class SqlContext;

// What a compatibility-style callback (Twilio, SignalWire LaML) is applied with.
struct TelephonyContext
{
    QString provider; // twilio | signalwire
    QString phoneRegion;
    QString recordId; // the inbound request
    QString autoReplyTemplate; // inbound SMS only: "{name}"/"{first_name}" are filled in
};

// The form callbacks Twilio defines and SignalWire's compatibility API repeats field for field
// (https://www.twilio.com/docs/messaging/guides/webhook-request, .../voice/twiml#request-parameters,
// .../voice/api/recording#recordingstatuscallback). Each applies once: the pipeline answers a callback
// whose dedup key was processed before with an empty TwiML document (duplicateAnswer) and applies
// nothing. Success is an empty TwiML document, or one with the auto-reply <Message> for an inbound SMS.
struct TelephonyCallbacks
{
    static ApiResult inboundSms(SqlContext &context, const FormFields &form, const TelephonyContext &call);
    static ApiResult messageStatus(SqlContext &context, const FormFields &form, const TelephonyContext &call);
    static ApiResult callStatus(SqlContext &context, const FormFields &form, const TelephonyContext &call);
    static ApiResult recording(SqlContext &context, const FormFields &form, const TelephonyContext &call);

    // Dedup keys of issue 3: MessageSid (+ MessageStatus on status callbacks), CallSid + CallStatus,
    // RecordingSid (+ RecordingStatus: with recordingStatusCallbackEvent "in-progress completed" one
    // recording makes two distinct callbacks). A callback missing a field its handler requires has no
    // key: it is refused by the handler, never answered as a repeat.
    static QString inboundSmsKey(const QString &provider, const FormFields &form);
    static QString messageStatusKey(const QString &provider, const FormFields &form);
    static QString callStatusKey(const QString &provider, const FormFields &form);
    static QString recordingKey(const QString &provider, const FormFields &form);
    // Opt-out keywords carriers and Twilio honour (STOP, UNSUBSCRIBE, ...).
    static bool isOptOut(const QString &body);
    // What a repeated callback is answered: an empty TwiML document.
    static ApiResponse duplicateAnswer();
};

} // namespace sb
