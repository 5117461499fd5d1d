#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <utility>

namespace sb {

// What the OpenAPI document (server/OpenApi.h) says about one route beyond what the Route itself
// knows (method, path, family, admin, handler name). Every route carries one; a route without one
// is listed by undocumentedRoutes() and fails the tests, so the document cannot drift.
struct ParamDoc
{
    QString name;
    QString description;
    QJsonObject schema; // JSON Schema; empty = a string
    bool required = false;
};

struct BodyDoc
{
    QByteArray mediaType = "application/json";
    QJsonObject schema;
    QString description;
};

struct ResponseDoc
{
    int status = 200;
    QString description;
    // JSON Schema of the body; for an error status left empty, the route family's error envelope.
    QJsonObject schema;
    QByteArray mediaType = "application/json";
};

struct RouteDoc
{
    QString summary;
    QString description;
    // Overrides the family's tag (routes of no seed family: health, the documentation itself).
    QString tag;
    // {placeholders}: a placeholder without an entry here is documented as a string.
    QList<ParamDoc> pathParams;
    QList<ParamDoc> query;
    // Request headers the route reads (signatures, idempotency keys); the API key is the security scheme.
    QList<ParamDoc> headers;
    QList<BodyDoc> bodies; // one per accepted media type
    bool bodyRequired = true;
    // Statuses the handler answers. 401/403 (admin routes) and 429 (rate-limited routes) are added
    // from the route's flags when absent.
    QList<ResponseDoc> responses;
};

// Small builders for JSON Schema (2020-12, as OpenAPI 3.1 uses it) so documentation tables read short.
namespace schema {

inline QJsonObject string(const QString &description = {})
{
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("string")}};
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    return s;
}

inline QJsonObject formatted(const QString &format, const QString &description = {})
{
    auto s = string(description);
    s.insert(QStringLiteral("format"), format);
    return s;
}

inline QJsonObject dateTime(const QString &description = {})
{
    return formatted(QStringLiteral("date-time"), description);
}

inline QJsonObject oneOfValues(const QStringList &values, const QString &description = {})
{
    auto s = string(description);
    s.insert(QStringLiteral("enum"), QJsonArray::fromStringList(values));
    return s;
}

inline QJsonObject integer(const QString &description = {})
{
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("integer")}};
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    return s;
}

inline QJsonObject integerRange(qint64 minimum, qint64 maximum, const QString &description = {})
{
    auto s = integer(description);
    s.insert(QStringLiteral("minimum"), minimum);
    s.insert(QStringLiteral("maximum"), maximum);
    return s;
}

inline QJsonObject number(const QString &description = {})
{
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("number")}};
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    return s;
}

inline QJsonObject boolean(const QString &description = {})
{
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("boolean")}};
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    return s;
}

inline QJsonObject constant(const QJsonValue &value)
{
    return {{QStringLiteral("const"), value}};
}

inline QJsonObject array(const QJsonObject &items, const QString &description = {})
{
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), items}};
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    return s;
}

// An object with `properties`; `required` names those that must be present. Unknown members are
// allowed unless `closed`.
inline QJsonObject object(std::initializer_list<std::pair<QString, QJsonObject>> properties,
    const QStringList &required = {}, const QString &description = {}, bool closed = false)
{
    QJsonObject props;
    for (const auto &[name, value] : properties)
        props.insert(name, value);
    QJsonObject s {{QStringLiteral("type"), QStringLiteral("object")}};
    if (!props.isEmpty())
        s.insert(QStringLiteral("properties"), props);
    if (!required.isEmpty())
        s.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    if (!description.isEmpty())
        s.insert(QStringLiteral("description"), description);
    if (closed)
        s.insert(QStringLiteral("additionalProperties"), false);
    return s;
}

// Any JSON object (free-form members).
inline QJsonObject anyObject(const QString &description = {})
{
    return object({}, {}, description);
}

// `base` with more properties (and required names) merged in.
inline QJsonObject extend(QJsonObject base, std::initializer_list<std::pair<QString, QJsonObject>> properties,
    const QStringList &required = {})
{
    auto props = base.value(QStringLiteral("properties")).toObject();
    for (const auto &[name, value] : properties)
        props.insert(name, value);
    base.insert(QStringLiteral("properties"), props);
    if (!required.isEmpty()) {
        auto names = base.value(QStringLiteral("required")).toArray();
        for (const auto &name : required)
            names.append(name);
        base.insert(QStringLiteral("required"), names);
    }
    return base;
}

inline QJsonObject nullable(QJsonObject s)
{
    const auto type = s.value(QStringLiteral("type"));
    if (type.isString())
        s.insert(QStringLiteral("type"), QJsonArray {type, QStringLiteral("null")});
    return s;
}

// A reference to a schema of components/schemas.
inline QJsonObject ref(const QString &name)
{
    return {{QStringLiteral("$ref"), QString(QStringLiteral("#/components/schemas/") + name)}};
}

} // namespace schema

// Shorthands for documentation tables.
inline ParamDoc queryParam(const QString &name, const QJsonObject &schema, const QString &description = {})
{
    return ParamDoc {name, description, schema, false};
}

inline ResponseDoc jsonResponse(int status, const QString &description, const QJsonObject &schema = {})
{
    return ResponseDoc {status, description, schema, "application/json"};
}

// An error answer in the route family's envelope.
inline ResponseDoc errorResponse(int status, const QString &description)
{
    return ResponseDoc {status, description, {}, "application/json"};
}

} // namespace sb
