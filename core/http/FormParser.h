#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// One name/value pair of a submitted form, decoded to text.
struct FormField
{
    QString name;
    QString value;

    friend bool operator==(const FormField &, const FormField &) = default;
};

// The fields of a form in the order they were sent. Repeated names are kept as separate entries:
// Twilio's signature covers every value of a repeated parameter (twilio-python's RequestValidator).
struct FormFields
{
    QList<FormField> items;

    bool isEmpty() const { return items.isEmpty(); }
    qsizetype size() const { return items.size(); }
    bool contains(QStringView name) const;
    QString value(QStringView name) const; // the first value of `name`, or a null string
    QStringList values(QStringView name) const;
    void append(QString name, QString value) { items.append({std::move(name), std::move(value)}); }
};

// application/x-www-form-urlencoded, parsed as the WHATWG URL Standard (section 5.1) prescribes and
// as the body parsers of the providers' SDK frameworks do: split on '&', empty pieces skipped, the
// first '=' separates name from value, '+' means space, percent escapes decode to bytes (a malformed
// escape is kept literally) and the bytes are UTF-8.
struct FormParser
{
    // At most this many fields in a form read from a request (urlencoded pieces or multipart parts):
    // a sender needs a few dozen; past the bound the request is refused 413 before any field work.
    static constexpr qsizetype maxFields = 1000;

    static FormFields parse(QByteArrayView body);
    // As parse(), but stops and returns nothing once the body holds more than `limit` fields.
    static std::optional<FormFields> parseBounded(QByteArrayView body, qsizetype limit = maxFields);
    // The 413 answer for a form past `limit` fields.
    static QString tooManyFieldsMessage(qsizetype limit = maxFields);
    static QByteArray percentDecode(QByteArrayView encoded, bool plusAsSpace);
};

} // namespace sb
