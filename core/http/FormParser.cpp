#include "FormParser.h"

#include "http/HttpGrammar.h"

#include <limits>

namespace sb {

bool FormFields::contains(QStringView name) const
{
    for (const auto &field : items) {
        if (field.name == name)
            return true;
    }
    return false;
}

QString FormFields::value(QStringView name) const
{
    for (const auto &field : items) {
        if (field.name == name)
            return field.value;
    }
    return {};
}

QStringList FormFields::values(QStringView name) const
{
    QStringList result;
    for (const auto &field : items) {
        if (field.name == name)
            result.append(field.value);
    }
    return result;
}

QByteArray FormParser::percentDecode(QByteArrayView encoded, bool plusAsSpace)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+' && plusAsSpace) {
            out.append(' ');
        } else if (c == '%' && i + 2 < encoded.size() && http::hexValue(encoded[i + 1]) >= 0
            && http::hexValue(encoded[i + 2]) >= 0) {
            out.append(
                static_cast<char>(http::hexValue(encoded[i + 1]) * 16 + http::hexValue(encoded[i + 2])));
            i += 2;
        } else {
            // [WHATWG URL] 1.3 percent-decode: a '%' not followed by two hex digits stays as it is.
            out.append(c);
        }
    }
    return out;
}

FormFields FormParser::parse(QByteArrayView body)
{
    return *parseBounded(body, std::numeric_limits<qsizetype>::max());
}

QString FormParser::tooManyFieldsMessage(qsizetype limit)
{
    return QStringLiteral("the form has more than %1 fields; at most %1 are accepted").arg(limit);
}

std::optional<FormFields> FormParser::parseBounded(QByteArrayView body, qsizetype limit)
{
    FormFields fields;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const auto piece = body.sliced(start, end - start);
        start = end + 1;
        if (piece.isEmpty())
            continue;
        if (fields.size() >= limit)
            return std::nullopt;
        const qsizetype eq = piece.indexOf('=');
        const auto name = eq < 0 ? piece : piece.first(eq);
        const auto value = eq < 0 ? QByteArrayView() : piece.sliced(eq + 1);
        fields.append(
            QString::fromUtf8(percentDecode(name, true)), QString::fromUtf8(percentDecode(value, true)));
    }
    return fields;
}

} // namespace sb
