#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace sb {

// Credentials in stored and shown HTTP headers. A request's bytes are kept for the inspector and
// for replay, but a credential in them (an API key, a bearer token, a shared initiation secret) is
// kept only as a hint: its scheme and last four characters, "Bearer ••••a1b2". Signature headers
// are not credentials (they prove one body and are needed to replay it) and stay as sent.
class HeaderRedaction
{
public:
    // The always-redacted names plus `extraNames` (configured secret header names).
    explicit HeaderRedaction(const QList<QByteArray> &extraNames = {});

    bool isCredential(QByteArrayView name) const;
    // A credential header or a custom header that carries one by its name or its value
    // ("Bearer …", "Basic …", a name with "token", "secret", "password", ...). Used for the
    // custom headers of outbound webhook configurations.
    bool looksLikeCredential(QByteArrayView name, QByteArrayView value) const;

    // Request line + header lines: the values of credential headers replaced by their hint.
    QByteArray redactHead(const QByteArray &rawHead) const;
    // Names: credential header names only. NamesAndValues: also headers that look like credentials
    // (custom headers of outbound webhooks).
    enum class Match
    {
        Names,
        NamesAndValues
    };
    QList<QPair<QByteArray, QByteArray>> redactHeaders(
        const QList<QPair<QByteArray, QByteArray>> &headers, Match match = Match::Names) const;

    // "Bearer ••••a1b2": the scheme (when the value has one) and the last four characters, only
    // when the secret is long enough that four characters give little away. Idempotent.
    static QByteArray redactValue(QByteArrayView value);
    static bool isRedacted(QByteArrayView value);
    // Header bytes as text: UTF-8 when valid (redacted values contain "•"), else Latin-1.
    static QString headerText(const QByteArray &bytes);

private:
    QList<QByteArray> m_names; // lower case
};

} // namespace sb
