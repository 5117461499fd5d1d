// Argument parsing and printing for `switchboard signature verify`; the check itself is
// sb::SignatureCheck in core, the same code the server runs.
#include "SignatureCommand.h"

#include "security/SignatureCheck.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

namespace sb {

namespace {

constexpr int exitValid = 0;
constexpr int exitInvalid = 1;
constexpr int exitUsage = 2;

QString usageText()
{
    return QStringLiteral(
        "usage: switchboard signature verify --provider PROVIDER --secret SECRET\n"
        "           [--url URL] [--header 'Name: value' ...] [--form name=value ...]\n"
        "           [--body-file FILE | --body STRING] [--now UNIX_SECONDS]\n"
        "providers: %1\n"
        "Prints valid or invalid, the string-to-sign and the reason. Exit status: 0 valid, 1 invalid,\n"
        "2 usage error. --now is the request's arrival time (default: now) for timestamped schemes.\n")
        .arg(SignatureCheck::providers().join(QStringLiteral(", ")));
}

void write(FILE *stream, const QString &text)
{
    const auto bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

int usageError(const QString &message)
{
    write(stderr, QStringLiteral("switchboard signature: %1\n%2").arg(message, usageText()));
    return exitUsage;
}

// The string-to-sign shown so that invisible differences (CR, trailing spaces, non-UTF-8 bytes)
// are visible: printable ASCII and valid UTF-8 as is, the rest escaped C-style.
QString escaped(const QByteArray &bytes)
{
    QString out;
    const auto text = QString::fromUtf8(bytes);
    const bool validUtf8 = text.toUtf8() == bytes;
    if (validUtf8) {
        for (const QChar c : text) {
            if (c == u'\\')
                out += QStringLiteral("\\\\");
            else if (c == u'\n')
                out += QStringLiteral("\\n");
            else if (c == u'\r')
                out += QStringLiteral("\\r");
            else if (c == u'\t')
                out += QStringLiteral("\\t");
            else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out;
    }
    for (const char byte : bytes) {
        const auto u = static_cast<unsigned char>(byte);
        if (u == '\\')
            out += QStringLiteral("\\\\");
        else if (u >= 0x20 && u < 0x7f)
            out += QLatin1Char(byte);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

int runSignatureCommand(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help")
        || arguments.first() == QLatin1String("-h")) {
        if (arguments.isEmpty())
            return usageError(QStringLiteral("missing subcommand (verify)"));
        write(stdout, usageText());
        return exitValid;
    }
    if (arguments.first() != QLatin1String("verify"))
        return usageError(
            QStringLiteral("unknown subcommand \"%1\" (expected verify)").arg(arguments.first()));

    SignatureCheckInput input;
    QString provider;
    bool haveSecret = false;
    bool haveBody = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const auto &option = arguments.at(i);
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            write(stdout, usageText());
            return exitValid;
        }
        // Every option takes a value, as "--opt value" or "--opt=value".
        QString name = option;
        QString value;
        bool haveValue = false;
        if (const auto eq = option.indexOf(u'='); option.startsWith(QLatin1String("--")) && eq > 2) {
            name = option.first(eq);
            value = option.sliced(eq + 1);
            haveValue = true;
        }
        static const QStringList known {QStringLiteral("--provider"), QStringLiteral("--secret"),
            QStringLiteral("--url"), QStringLiteral("--header"), QStringLiteral("--form"),
            QStringLiteral("--body"), QStringLiteral("--body-file"), QStringLiteral("--now")};
        if (!known.contains(name))
            return usageError(QStringLiteral("unknown option \"%1\"").arg(option));
        if (!haveValue) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value").arg(name));
            value = arguments.at(++i);
        }

        if (name == QLatin1String("--provider")) {
            provider = value.trimmed().toLower();
        } else if (name == QLatin1String("--secret")) {
            input.secret = value.toUtf8();
            haveSecret = true;
        } else if (name == QLatin1String("--url")) {
            input.url = value.toUtf8();
        } else if (name == QLatin1String("--header")) {
            const auto colon = value.indexOf(u':');
            if (colon <= 0 || value.first(colon).trimmed().isEmpty() || value.first(colon).contains(u' '))
                return usageError(QStringLiteral("--header \"%1\" is not 'Name: value'").arg(value));
            input.headers.append({value.first(colon).toUtf8(), value.sliced(colon + 1).trimmed().toUtf8()});
        } else if (name == QLatin1String("--form")) {
            const auto eq = value.indexOf(u'=');
            if (eq <= 0)
                return usageError(QStringLiteral("--form \"%1\" is not name=value").arg(value));
            if (!input.form)
                input.form.emplace();
            input.form->append(value.first(eq), value.sliced(eq + 1));
        } else if (name == QLatin1String("--body") || name == QLatin1String("--body-file")) {
            if (haveBody)
                return usageError(QStringLiteral("give the body once: --body or --body-file"));
            haveBody = true;
            if (name == QLatin1String("--body")) {
                input.body = value.toUtf8();
            } else {
                QFile file(value);
                if (!file.open(QIODevice::ReadOnly))
                    return usageError(
                        QStringLiteral("cannot read --body-file %1: %2").arg(value, file.errorString()));
                input.body = file.readAll(); // the exact bytes, no newline conversion
            }
        } else if (name == QLatin1String("--now")) {
            bool ok = false;
            const auto now = value.toLongLong(&ok);
            if (!ok || now < 0)
                return usageError(QStringLiteral("--now \"%1\" is not Unix seconds").arg(value));
            input.nowSeconds = now;
        }
    }
    if (provider.isEmpty())
        return usageError(QStringLiteral("missing --provider"));
    const auto scheme = schemeNamed(provider);
    if (!scheme)
        return usageError(QStringLiteral("unknown provider \"%1\"").arg(provider));
    input.scheme = *scheme;
    if (!haveSecret || input.secret.isEmpty())
        return usageError(QStringLiteral("missing --secret"));
    if ((input.scheme == SignatureScheme::Twilio || input.scheme == SignatureScheme::SignalWire)
        && input.url.isEmpty())
        return usageError(
            QStringLiteral("--url is required for %1: the signature covers the URL").arg(provider));
    if (!input.nowSeconds)
        input.nowSeconds
            = QDateTime::currentSecsSinceEpoch(); // the debugger judges "now" as the arrival time

    const auto result = SignatureCheck::verify(input);
    const bool valid = result.accepted();
    QString report = valid ? QStringLiteral("valid\n") : QStringLiteral("invalid\n");
    report += QStringLiteral("scheme: %1\n").arg(result.scheme);
    report += QStringLiteral("string-to-sign (%1 bytes): %2\n")
                  .arg(result.stringToSign.size())
                  .arg(escaped(result.stringToSign));
    if (!result.detail.isEmpty())
        report += (valid ? QStringLiteral("note: ") : QStringLiteral("reason: ")) + result.detail + u'\n';
    write(stdout, report);
    return valid ? exitValid : exitInvalid;
}

} // namespace sb
