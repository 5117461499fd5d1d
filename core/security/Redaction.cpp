#include "Redaction.h"

#include <QStringDecoder>

namespace sb {

namespace {

constexpr QByteArrayView bullets = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"; // "••••" in UTF-8

// Fewer characters than this after the scheme: nothing of the secret is shown.
constexpr qsizetype minimumForHint = 12;

const QList<QByteArray> &alwaysRedacted()
{
    static const QList<QByteArray> names {"authorization", "proxy-authorization", "x-api-key", "cookie",
        "set-cookie", "x-initiation-secret", "x-auth-token", "api-key", "x-access-token"};
    return names;
}

// Parts of custom header names that say the value is a credential.
const QList<QByteArray> &credentialWords()
{
    static const QList<QByteArray> words {"auth", "token", "secret", "password", "passwd", "apikey",
        "api-key", "api_key", "credential", "session", "cookie", "private"};
    return words;
}

// RFC 9110 §11.1 auth-scheme: a token followed by a space. Only letters and "-" are taken as a
// scheme here, which covers Bearer, Basic, Digest, Token, AWS4-HMAC-SHA256 and the like.
qsizetype schemeLength(QByteArrayView value)
{
    const auto space = value.indexOf(' ');
    if (space <= 0 || space > 32)
        return 0;
    for (qsizetype i = 0; i < space; ++i) {
        const char c = value[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return space;
}

} // namespace

HeaderRedaction::HeaderRedaction(const QList<QByteArray> &extraNames)
    : m_names(alwaysRedacted())
{
    for (const auto &name : extraNames) {
        const auto lower = name.trimmed().toLower();
        if (!lower.isEmpty() && !m_names.contains(lower))
            m_names.append(lower);
    }
}

bool HeaderRedaction::isCredential(QByteArrayView name) const
{
    const auto lower = name.trimmed().toByteArray().toLower();
    return m_names.contains(lower);
}

bool HeaderRedaction::looksLikeCredential(QByteArrayView name, QByteArrayView value) const
{
    if (isCredential(name))
        return true;
    const auto lower = name.toByteArray().toLower();
    // Signature headers are computed per request and are not secrets.
    if (lower.contains("signature"))
        return false;
    for (const auto &word : credentialWords()) {
        if (lower.contains(word))
            return true;
    }
    const auto scheme = schemeLength(value);
    if (scheme > 0) {
        const auto word = value.first(scheme).toByteArray().toLower();
        return word == "bearer" || word == "basic" || word == "token" || word == "digest";
    }
    return false;
}

QByteArray HeaderRedaction::redactValue(QByteArrayView value)
{
    const auto trimmed = value.trimmed();
    if (isRedacted(trimmed))
        return trimmed.toByteArray();
    const auto scheme = schemeLength(trimmed);
    const auto secret = trimmed.sliced(scheme > 0 ? scheme + 1 : 0).trimmed();
    QByteArray result;
    if (scheme > 0)
        result = trimmed.first(scheme).toByteArray() + ' ';
    result += bullets;
    if (secret.size() >= minimumForHint)
        result += secret.last(4);
    return result;
}

bool HeaderRedaction::isRedacted(QByteArrayView value)
{
    return value.contains(bullets);
}

QByteArray HeaderRedaction::redactHead(const QByteArray &rawHead) const
{
    // The first line is the request line; header lines follow, each ended by LF or CRLF.
    QByteArray out;
    out.reserve(rawHead.size());
    qsizetype start = 0;
    bool first = true;
    while (start < rawHead.size()) {
        auto end = rawHead.indexOf('\n', start);
        const bool hasNewline = end >= 0;
        if (!hasNewline)
            end = rawHead.size();
        QByteArrayView line(rawHead.constData() + start, end - start);
        const bool cr = line.endsWith('\r');
        if (cr)
            line.chop(1);
        const auto colon = line.indexOf(':');
        if (!first && colon > 0 && isCredential(line.first(colon))) {
            out += line.first(colon).toByteArray() + ": " + redactValue(line.sliced(colon + 1));
        } else {
            out += line.toByteArray();
        }
        if (cr)
            out += '\r';
        if (hasNewline)
            out += '\n';
        first = false;
        start = end + 1;
    }
    return out;
}

QList<QPair<QByteArray, QByteArray>> HeaderRedaction::redactHeaders(
    const QList<QPair<QByteArray, QByteArray>> &headers, Match match) const
{
    auto result = headers;
    for (auto &[name, value] : result) {
        if (match == Match::Names ? isCredential(name) : looksLikeCredential(name, value))
            value = redactValue(value);
    }
    return result;
}

QString HeaderRedaction::headerText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    return decoder.hasError() ? QString::fromLatin1(bytes) : text;
}

} // namespace sb
