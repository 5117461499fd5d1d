#include "EmailAddress.h"

#include <QHostAddress>
#include <QUrl>

namespace sb {

namespace {

// RFC 5322 3.2.3 atext.
bool isAtext(QChar c)
{
    const auto u = c.unicode();
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
        return true;
    static constexpr char16_t specials[] = u"!#$%&'*+-/=?^_`{|}~";
    for (const auto s : specials) {
        if (s != 0 && u == s)
            return true;
    }
    return false;
}

// RFC 5322 3.4.1 dot-atom-text: atext runs separated by single dots.
QString dotAtomProblem(QStringView local)
{
    if (local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.')))
        return QStringLiteral("the local part may not begin or end with a dot");
    if (local.contains(QLatin1String("..")))
        return QStringLiteral("the local part may not hold two dots in a row");
    for (const auto c : local) {
        if (c != QLatin1Char('.') && !isAtext(c))
            return QStringLiteral("the local part holds '%1', which needs a quoted string").arg(c);
    }
    return {};
}

// The end (index after the closing quote) of a quoted string starting at text[0] == '"'; -1 when
// it is not closed or holds something other than qtext, a space and quoted-pairs (RFC 5322 3.2.4).
qsizetype quotedStringEnd(QStringView text, QString *error, bool allowNonAscii = false)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        const auto u = text[i].unicode();
        if (u == '"')
            return i + 1;
        if (u == '\\') {
            if (i + 1 >= text.size() || text[i + 1].unicode() < 0x20 || text[i + 1].unicode() > 0x7e) {
                *error = QStringLiteral("a backslash in a quoted string must escape a printable character");
                return -1;
            }
            ++i;
            continue;
        }
        if (u < 0x20 || (u > 0x7e && !(allowNonAscii && u >= 0x80))) {
            *error = QStringLiteral("a quoted string may hold only printable ASCII");
            return -1;
        }
    }
    *error = QStringLiteral("a quoted string is not closed");
    return -1;
}

QString addressLiteralProblem(QStringView inner)
{
    if (inner.startsWith(QLatin1String("IPv6:"), Qt::CaseInsensitive)) {
        const QHostAddress host(inner.mid(5).toString());
        if (host.protocol() != QAbstractSocket::IPv6Protocol)
            return QStringLiteral("the domain literal is not an IPv6 address");
        return {};
    }
    const auto parts = inner.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return QStringLiteral("the domain literal is not a dotted IPv4 address");
    for (const auto part : parts) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (part.isEmpty() || part.size() > 3 || !ok || value > 255 || !part.front().isDigit())
            return QStringLiteral("the domain literal is not a dotted IPv4 address");
    }
    return {};
}

QString hostNameProblem(QStringView domain)
{
    // An internationalised domain is checked in its A-label (punycode) form, as DNS sees it.
    bool ascii = true;
    for (const auto c : domain)
        ascii = ascii && c.unicode() < 0x80;
    const QString ace = ascii ? domain.toString() : QString::fromLatin1(QUrl::toAce(domain.toString()));
    if (ace.isEmpty())
        return QStringLiteral("the domain is not a valid internationalised domain name");
    if (ace.size() > 253)
        return QStringLiteral("the domain is longer than 253 characters");
    const auto labels = QStringView(ace).split(QLatin1Char('.'));
    if (labels.size() < 2)
        return QStringLiteral("the domain needs at least two labels (example.com)");
    for (const auto label : labels) {
        if (label.isEmpty())
            return QStringLiteral("the domain has an empty label");
        if (label.size() > EmailAddress::maxLabelLength)
            return QStringLiteral("a domain label is longer than 63 characters");
        if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return QStringLiteral("a domain label may not begin or end with a hyphen");
        for (const auto c : label) {
            const auto u = c.unicode();
            const bool ldh
                = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-';
            if (!ldh)
                return QStringLiteral("the domain holds '%1'; labels are letters, digits and hyphens").arg(c);
        }
    }
    bool numeric = true;
    for (const auto c : labels.last())
        numeric = numeric && c.isDigit();
    if (numeric)
        return QStringLiteral("the top-level label may not be all digits (use [a.b.c.d] for an address)");
    return {};
}

// A display name written without quotes: words of atext or non-ASCII letters, dots allowed (the
// obsolete phrase form that real mailers still send, "J. Doe").
bool isPlainDisplayName(QStringView name, bool allowDots = true)
{
    for (const auto c : name) {
        if (c.unicode() >= 0x80) {
            if (!c.isLetterOrNumber() && !c.isMark() && !c.isSpace())
                return false;
            continue;
        }
        if (c != QLatin1Char(' ') && !(allowDots && c == QLatin1Char('.')) && !isAtext(c))
            return false;
    }
    return true;
}

} // namespace

QString EmailAddress::problem(QStringView address)
{
    if (address.isEmpty())
        return QStringLiteral("the address is empty");
    if (address.toUtf8().size() > maxAddressLength)
        return QStringLiteral("the address is longer than %1 octets").arg(maxAddressLength);
    qsizetype at = -1;
    if (address.startsWith(QLatin1Char('"'))) {
        QString error;
        const auto end = quotedStringEnd(address, &error);
        if (end < 0)
            return error;
        if (end >= address.size() || address[end] != QLatin1Char('@'))
            return QStringLiteral("a quoted local part must be followed by '@'");
        if (end == 2)
            return QStringLiteral("the local part is empty");
        at = end;
    } else {
        at = address.lastIndexOf(QLatin1Char('@'));
        if (at < 0)
            return QStringLiteral("the address has no '@'");
        if (at == 0)
            return QStringLiteral("the local part is empty");
        if (const auto error = dotAtomProblem(address.left(at)); !error.isEmpty())
            return error;
    }
    if (at > maxLocalPartLength)
        return QStringLiteral("the local part is longer than %1 characters").arg(maxLocalPartLength);
    const auto domain = address.mid(at + 1);
    if (domain.isEmpty())
        return QStringLiteral("the domain is empty");
    if (domain.startsWith(QLatin1Char('['))) {
        if (!domain.endsWith(QLatin1Char(']')))
            return QStringLiteral("the domain literal is not closed");
        return addressLiteralProblem(domain.mid(1, domain.size() - 2));
    }
    return hostNameProblem(domain);
}

std::optional<EmailAddress> EmailAddress::parse(QStringView text, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    const auto trimmed = text.trimmed();
    EmailAddress result;
    QStringView spec = trimmed;
    if (trimmed.endsWith(QLatin1Char('>'))) {
        const auto open = trimmed.lastIndexOf(QLatin1Char('<'));
        if (open < 0) {
            why = QStringLiteral("'>' without '<'");
            return std::nullopt;
        }
        spec = trimmed.mid(open + 1, trimmed.size() - open - 2);
        const auto name = trimmed.left(open).trimmed();
        if (name.startsWith(QLatin1Char('"'))) {
            QString quoteError;
            const auto end = quotedStringEnd(name, &quoteError, true);
            if (end < 0) {
                why = quoteError;
                return std::nullopt;
            }
            if (end != name.size()) {
                why = QStringLiteral("text after the quoted display name");
                return std::nullopt;
            }
            QString unescaped;
            for (qsizetype i = 1; i + 1 < name.size(); ++i) {
                if (name[i] == QLatin1Char('\\'))
                    ++i;
                unescaped += name[i];
            }
            result.displayName = unescaped;
        } else {
            if (!isPlainDisplayName(name)) {
                why = QStringLiteral("the display name holds special characters and must be quoted");
                return std::nullopt;
            }
            result.displayName = name.toString().simplified();
        }
    } else if (trimmed.contains(QLatin1Char('<'))) {
        why = QStringLiteral("'<' without '>'");
        return std::nullopt;
    }
    if (const auto problem = EmailAddress::problem(spec); !problem.isEmpty()) {
        why = problem;
        return std::nullopt;
    }
    result.address = spec.toString();
    why.clear();
    return result;
}

QString EmailAddress::format(const QString &displayName, const QString &address)
{
    const auto name = displayName.simplified();
    if (name.isEmpty())
        return address;
    if (isPlainDisplayName(name, false))
        return name + QStringLiteral(" <") + address + QLatin1Char('>');
    QString quoted;
    for (const auto c : name) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    return QLatin1Char('"') + quoted + QStringLiteral("\" <") + address + QLatin1Char('>');
}

} // namespace sb
