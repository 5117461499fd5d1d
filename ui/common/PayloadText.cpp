#include "PayloadText.h"

#include <QJsonDocument>
#include <QLocale>
#include <QStringDecoder>

namespace sb {

namespace {

// Text is valid UTF-8 without control characters other than whitespace; NUL or stray bytes mean
// the body is binary and would render as garbage.
bool looksLikeText(const QByteArray &bytes, QString *decoded)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return false;
    for (const QChar c : std::as_const(text)) {
        const auto u = c.unicode();
        if (u < 0x20 && u != u'\n' && u != u'\r' && u != u'\t')
            return false;
    }
    *decoded = std::move(text);
    return true;
}

} // namespace

PayloadText PayloadText::render(const QByteArray &bytes, const QByteArray &contentType, qsizetype hexLimit)
{
    PayloadText result;
    if (bytes.isEmpty())
        return result;
    QJsonParseError error;
    const auto json = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull()) {
        result.kind = Kind::Json;
        result.text = QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed();
        return result;
    }
    QString text;
    if (looksLikeText(bytes, &text)) {
        result.kind = contentType.toLower().contains("x-www-form-urlencoded") ? Kind::Form : Kind::Text;
        result.text = std::move(text);
        return result;
    }
    result.kind = Kind::Binary;
    result.truncated = bytes.size() > hexLimit;
    result.shownBytes = std::min(bytes.size(), hexLimit);
    result.text = hexDump(bytes, hexLimit);
    return result;
}

QString PayloadText::hexDump(const QByteArray &bytes, qsizetype limit)
{
    const auto size = std::min(bytes.size(), limit);
    QString out;
    out.reserve(size / 16 * 78 + 80);
    for (qsizetype offset = 0; offset < size; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < size) {
                const auto byte = static_cast<uchar>(bytes.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QStringLiteral(" |") + ascii + QStringLiteral("|\n");
    }
    return out;
}

QString PayloadText::describe(qint64 size) const
{
    const auto bytes = QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat);
    switch (kind) {
    case Kind::Empty:
        return tr("No body");
    case Kind::Json:
        return tr("JSON · %1").arg(bytes);
    case Kind::Form:
        return tr("Form data · %1").arg(bytes);
    case Kind::Text:
        return tr("Text · %1").arg(bytes);
    case Kind::Binary:
        return truncated
            ? tr("Binary · %1 · first %2 shown as hex")
                  .arg(bytes, QLocale().formattedDataSize(shownBytes, 0, QLocale::DataSizeTraditionalFormat))
            : tr("Binary · %1 · shown as hex").arg(bytes);
    }
    return {};
}

} // namespace sb
