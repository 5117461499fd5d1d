#include "GithubSignature.h"

#include "HexHmacSignature.h"

namespace sb {

QByteArray GithubSignature::sign(QByteArrayView secret, QByteArrayView body)
{
    return "sha256=" + HexHmacSignature::sign(secret, body);
}

Verification GithubSignature::verify(QByteArrayView secret, QByteArrayView body, QByteArrayView header)
{
    const auto value = header.trimmed();
    if (!value.isEmpty() && !value.startsWith("sha256=")) {
        Verification result;
        result.scheme = QStringLiteral("github");
        result.outcome = Verification::Outcome::Invalid;
        result.stringToSign = body.toByteArray();
        result.detail = QStringLiteral("%1 must start with \"sha256=\"").arg(QString::fromLatin1(headerName));
        return result;
    }
    // The same hex HMAC-SHA256 of the raw body as the CRM scheme, behind a mandatory prefix.
    auto result = HexHmacSignature::verify(secret, body, value);
    result.scheme = QStringLiteral("github");
    result.stringToSign = body.toByteArray();
    if (value.isEmpty())
        result.detail = QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName));
    return result;
}

} // namespace sb
