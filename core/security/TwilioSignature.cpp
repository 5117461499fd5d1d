#include "TwilioSignature.h"

#include "ConstantTime.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <algorithm>

namespace sb {

namespace {

const QString scheme = QStringLiteral("twilio");

struct UrlParts
{
    QByteArray scheme; // lower-cased, without "://"
    QByteArray userinfo; // with its trailing '@', or empty
    QByteArray host; // IPv6 literals keep their brackets
    QByteArray port; // digits, or empty when absent
    bool hasPortSeparator = false;
    QByteArray rest; // path, query and fragment, byte-exact
};

std::optional<UrlParts> splitUrl(QByteArrayView url)
{
    const qsizetype schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0)
        return std::nullopt;
    UrlParts parts;
    parts.scheme = url.first(schemeEnd).toByteArray().toLower();
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (qsizetype i = authorityStart; i < url.size(); ++i) {
        if (url[i] == '/' || url[i] == '?' || url[i] == '#') {
            authorityEnd = i;
            break;
        }
    }
    auto authority = url.sliced(authorityStart, authorityEnd - authorityStart);
    parts.rest = url.sliced(authorityEnd).toByteArray();
    const qsizetype at = authority.lastIndexOf('@');
    if (at >= 0) {
        parts.userinfo = authority.first(at + 1).toByteArray();
        authority = authority.sliced(at + 1);
    }
    qsizetype colon = -1;
    if (authority.startsWith('[')) {
        const qsizetype bracket = authority.indexOf(']');
        if (bracket >= 0 && bracket + 1 < authority.size() && authority[bracket + 1] == ':')
            colon = bracket + 1;
    } else {
        colon = authority.lastIndexOf(':');
    }
    if (colon >= 0) {
        parts.host = authority.first(colon).toByteArray();
        parts.port = authority.sliced(colon + 1).toByteArray();
        parts.hasPortSeparator = true;
    } else {
        parts.host = authority.toByteArray();
    }
    return parts;
}

QByteArray hmacSha1(QByteArrayView key, QByteArrayView message)
{
    return QMessageAuthenticationCode::hash(
        message.toByteArray(), key.toByteArray(), QCryptographicHash::Sha1);
}

QString joinForms(const QList<QByteArray> &urls)
{
    QStringList forms;
    for (const auto &url : urls)
        forms.append(QString::fromUtf8(url));
    return forms.join(QStringLiteral(" | "));
}

// Why a presented signature cannot even be a base64 HMAC-SHA1, or empty when it could be.
QString encodingProblem(QByteArrayView presented)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(presented.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return QStringLiteral("the signature is not valid base64");
    if (decoded.decoded.size() != 20)
        return QStringLiteral("the signature decodes to %1 bytes; a HMAC-SHA1 has 20")
            .arg(decoded.decoded.size());
    return {};
}

} // namespace

QByteArray TwilioSignature::parameterString(const FormFields &params)
{
    // One sort of the (name, value) pairs: by name, then by value, identical pairs once. This is the
    // SDKs' order (names sorted; a repeated name's distinct values sorted) in O(n log n). Names and
    // values compare by their UTF-8 bytes, i.e. by code point, as Python's sorted() does.
    QList<std::pair<QByteArray, QByteArray>> pairs;
    pairs.reserve(params.size());
    qsizetype bytes = 0;
    for (const auto &field : params.items) {
        pairs.append({field.name.toUtf8(), field.value.toUtf8()});
        bytes += pairs.constLast().first.size() + pairs.constLast().second.size();
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    QByteArray data;
    data.reserve(bytes);
    for (const auto &[name, value] : pairs)
        data += name + value;
    return data;
}

QByteArray TwilioSignature::stringToSign(QByteArrayView url, const FormFields &params)
{
    return url.toByteArray() + parameterString(params);
}

QString TwilioSignature::headerProblem(QByteArrayView presented)
{
    const auto candidate = presented.trimmed();
    if (candidate.isEmpty())
        return QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName));
    return encodingProblem(candidate);
}

QByteArray TwilioSignature::sign(QByteArrayView authToken, QByteArrayView url, const FormFields &params)
{
    return hmacSha1(authToken, stringToSign(url, params)).toBase64();
}

QByteArray TwilioSignature::bodyHash(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QList<QByteArray> TwilioSignature::urlVariants(QByteArrayView url)
{
    QList<QByteArray> variants {url.toByteArray()};
    const auto add = [&variants](const QByteArray &candidate) {
        if (!variants.contains(candidate))
            variants.append(candidate);
    };
    if (const auto parts = splitUrl(url)) {
        const QByteArray prefix = parts->scheme + "://" + parts->userinfo + parts->host;
        // twilio-python remove_port/add_port, twilio-node removePort/addPort: any explicit port is
        // dropped for one form, and the scheme's default port is added when none was given.
        add(prefix + parts->rest);
        if (parts->hasPortSeparator && !parts->port.isEmpty())
            add(prefix + ':' + parts->port + parts->rest);
        else
            add(prefix + (parts->scheme == "https" ? ":443" : ":80") + parts->rest);
        // twilio-node serialises the URL with WHATWG `new URL()`, which percent-encodes a single
        // quote in the query; its spec accepts "param'WithQuote" and "param%27WithQuote" alike.
        const qsizetype query = parts->rest.indexOf('?');
        if (query >= 0 && parts->rest.indexOf('\'', query) >= 0) {
            for (const auto &variant : QList<QByteArray>(variants)) {
                const qsizetype q = variant.indexOf('?');
                add(variant.first(q) + variant.sliced(q).replace("'", "%27"));
            }
        }
    }
    return variants;
}

bool TwilioSignature::matchUrlForm(QByteArrayView url, QByteArrayView presented, Verification &result,
    const std::function<QByteArray(const QByteArray &)> &signatureFor,
    const std::function<QByteArray(const QByteArray &)> &stringToSignFor)
{
    for (const auto &form : urlVariants(url)) {
        if (constantTimeEquals(signatureFor(form), presented)) {
            result.outcome = Verification::Outcome::Verified;
            result.stringToSign = stringToSignFor(form);
            if (form != url)
                result.detail = QStringLiteral("matched the URL form %1").arg(QString::fromUtf8(form));
            return true;
        }
    }
    return false;
}

QByteArray TwilioSignature::bodySha256Parameter(QByteArrayView url)
{
    const qsizetype query = url.indexOf('?');
    if (query < 0)
        return {};
    auto rest = url.sliced(query + 1);
    const qsizetype fragment = rest.indexOf('#');
    if (fragment >= 0)
        rest = rest.first(fragment);
    return FormParser::parse(rest).value(u"bodySHA256").toUtf8();
}

Verification TwilioSignature::verify(
    QByteArrayView authToken, QByteArrayView url, const FormFields &params, QByteArrayView presented)
{
    Verification result;
    result.scheme = scheme;
    result.outcome = Verification::Outcome::Invalid;
    const auto candidate = presented.trimmed();
    // The cheap refusals first: no work per parameter for a request that cannot verify.
    if (const auto problem = headerProblem(candidate); !problem.isEmpty()) {
        result.detail = problem;
        return result;
    }
    if (url.isEmpty()) {
        result.detail = QStringLiteral("no URL: Twilio signs the full URL it called");
        return result;
    }
    const auto parameters = parameterString(params);
    result.stringToSign = url.toByteArray() + parameters;
    // The SDKs compare the base64 strings (scmp / compare), so do we.
    if (matchUrlForm(
            url, candidate, result,
            [&](const QByteArray &form) {
                return hmacSha1(authToken, QByteArray(form + parameters)).toBase64();
            },
            [&](const QByteArray &form) { return QByteArray(form + parameters); }))
        return result;
    result.detail = QStringLiteral(
        "signature matches none of the URL forms tried (%1) with %2 parameter(s): the auth "
        "token, the URL the provider called (public URL, port, query) or the parameters differ")
                        .arg(joinForms(urlVariants(url)))
                        .arg(params.size());
    return result;
}

Verification TwilioSignature::verifyWithBody(
    QByteArrayView authToken, QByteArrayView url, QByteArrayView body, QByteArrayView presented)
{
    // The signature covers the URL alone (twilio-node validateRequestWithBody passes {} as params).
    auto result = verify(authToken, url, {}, presented);
    result.scheme = QStringLiteral("twilio-bodysha256");
    const auto expected = bodyHash(body);
    const auto given = bodySha256Parameter(url).toLower();
    if (given.isEmpty()) {
        result.outcome = Verification::Outcome::Invalid;
        result.detail = QStringLiteral("the URL has no bodySHA256 query parameter");
        return result;
    }
    if (!constantTimeEquals(expected, given)) {
        const QString hashProblem
            = QStringLiteral("bodySHA256 in the URL (%1) is not the SHA-256 of the body (%2): "
                             "the body was altered or re-encoded")
                  .arg(QString::fromLatin1(given), QString::fromLatin1(expected));
        result.detail = result.outcome == Verification::Outcome::Verified
            ? hashProblem
            : hashProblem + QStringLiteral("; ") + result.detail;
        result.outcome = Verification::Outcome::Invalid;
    }
    return result;
}

Verification TwilioSignature::verifyRequest(QByteArrayView authToken, QByteArrayView url,
    const FormFields &params, QByteArrayView body, QByteArrayView presented)
{
    if (!bodySha256Parameter(url).isEmpty())
        return verifyWithBody(authToken, url, body, presented);
    return verify(authToken, url, params, presented);
}

} // namespace sb
