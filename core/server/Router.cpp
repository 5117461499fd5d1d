#include "Router.h"

namespace sb {

namespace {

QList<QStringView> splitPath(QStringView path)
{
    QList<QStringView> parts;
    for (auto part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        parts.append(part);
    return parts;
}

} // namespace

bool Router::add(Route route)
{
    for (const auto &existing : m_routes) {
        if (existing.method == route.method && existing.pattern == route.pattern)
            return false;
    }
    const size_t index = m_routes.size();
    if (route.pattern.contains(QLatin1Char('{'))) {
        QStringList segments;
        for (auto part : splitPath(route.pattern))
            segments.append(part.startsWith(QLatin1Char('{')) ? QString() : part.toString());
        m_patterns.push_back({segments, index});
    } else {
        QString key = route.pattern;
        if (key.size() > 1 && key.endsWith(QLatin1Char('/')))
            key.chop(1);
        m_literal[key].push_back(index);
    }
    m_routes.push_back(std::move(route));
    return true;
}

bool Router::matchSegments(const QStringList &pattern, const QList<QStringView> &path, QStringList *args)
{
    if (pattern.size() != path.size())
        return false;
    args->clear();
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i].isEmpty())
            args->append(path[i].toString());
        else if (pattern[i] != path[i])
            return false;
    }
    return true;
}

RouteMatch Router::match(QByteArrayView method, QStringView path) const
{
    RouteMatch result;
    auto consider = [&](size_t index, const QStringList &args) {
        const auto &route = m_routes[index];
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            if (result.outcome != RouteMatch::Outcome::Found) {
                result.outcome = RouteMatch::Outcome::Found;
                result.route = &route;
                result.args = args;
            }
        } else if (!result.allowedMethods.contains(route.method)) {
            result.allowedMethods.append(route.method);
        }
    };

    QStringView key = path;
    if (key.size() > 1 && key.endsWith(QLatin1Char('/')))
        key.chop(1);
    const auto literal = m_literal.constFind(key.toString());
    if (literal != m_literal.cend()) {
        for (auto index : *literal)
            consider(index, {});
    }
    if (result.outcome != RouteMatch::Outcome::Found) {
        const auto parts = splitPath(path);
        QStringList args;
        for (const auto &compiled : m_patterns) {
            if (matchSegments(compiled.segments, parts, &args))
                consider(compiled.index, args);
        }
    }
    if (result.outcome != RouteMatch::Outcome::Found && !result.allowedMethods.isEmpty())
        result.outcome = RouteMatch::Outcome::MethodNotAllowed;
    return result;
}

std::vector<const Route *> Router::routesAt(QStringView path) const
{
    std::vector<const Route *> found;
    QStringView key = path;
    if (key.size() > 1 && key.endsWith(QLatin1Char('/')))
        key.chop(1);
    const auto literal = m_literal.constFind(key.toString());
    if (literal != m_literal.cend()) {
        for (auto index : *literal)
            found.push_back(&m_routes[index]);
    }
    const auto parts = splitPath(path);
    QStringList args;
    for (const auto &compiled : m_patterns) {
        if (matchSegments(compiled.segments, parts, &args))
            found.push_back(&m_routes[compiled.index]);
    }
    return found;
}

bool Router::document(const QByteArray &method, const QString &pattern, RouteDoc doc)
{
    for (auto &route : m_routes) {
        if (route.method == method && route.pattern == pattern) {
            route.doc = std::make_shared<const RouteDoc>(std::move(doc));
            return true;
        }
    }
    m_orphanDocs.append(QString::fromLatin1(method) + QLatin1Char(' ') + pattern);
    return false;
}

ApiFamily familyForPath(QStringView path)
{
    if (path.startsWith(QLatin1String("/api/v1/")))
        return ApiFamily::Crm;
    if (path.startsWith(QLatin1String("/api/webhooks/config"))
        || path.startsWith(QLatin1String("/api/webhooks/events")))
        return ApiFamily::WebhookAdmin;
    if (path.startsWith(QLatin1String("/api/communications")))
        return ApiFamily::Communications;
    return ApiFamily::Provider;
}

} // namespace sb
