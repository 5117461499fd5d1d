#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace sb {

class SecretStore;

// The console's "Send test webhook" simulator (issue 5 item 10): a realistic provider callback,
// signed exactly as the provider signs it with the secret configured here, so a new user sees the
// whole flow (verification, lead, conversation, outbound events) without a provider account.
struct SampleCallback
{
    enum class Kind
    {
        TwilioSms,
        MailgunEmail,
        ElevenLabsPostCall
    };

    // What the sample is about; empty fields get realistic defaults.
    struct Input
    {
        QString from; // phone number (Twilio, ElevenLabs) or email address (Mailgun)
        QString name; // sender's display name (Mailgun)
        QString text; // SMS body, email text or the caller's words
        QString subject; // email only
    };

    Kind kind = Kind::TwilioSms;
    QString path; // the provider endpoint, e.g. /api/webhooks/twilio/sms
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers; // the signature header, when signed
    QByteArray body;
    // The setting whose value signed the request; empty when none is configured (the request is
    // then sent unsigned and the server refuses it as missing_secret, unless told to accept it).
    QString secretName;
    QString signedUrl; // the URL the signature covers (Twilio signs the full URL)

    bool isSigned() const { return !secretName.isEmpty(); }

    // `signedBase` is the base URL the server will reconstruct for this request: --public-url when
    // set, else the address the request is sent to. `nowMs` goes into timestamps and ids.
    static SampleCallback build(
        Kind kind, const Input &input, const QString &signedBase, const SecretStore &secrets, qint64 nowMs);
    // The secrets the provider's endpoint takes, most specific first.
    static QStringList secretNames(Kind kind);
    // What an empty field of `Input` becomes (sample data, in English like a provider's docs).
    static QString defaultFrom(Kind kind);
    static QString defaultText(Kind kind);
    static QString defaultSubject();
};

} // namespace sb
