#include "RelayCommands.h"

#include "storage/RelayTargetRepository.h"
#include "storage/SqlWorker.h"

#include <QUrl>

namespace sb {

namespace {

RelayRefusal refusal(const QString &field, const QString &message)
{
    return RelayRefusal {ApiError {ErrorKind::BadRequest, message, {}}, field};
}

// Applies the fields present in `body` to `target`; a refusal names the first bad field.
std::optional<RelayRefusal> apply(
    const Router &router, const UrlPolicy &policy, const QJsonObject &body, RelayTarget *target, bool create)
{
    static const QStringList known {QStringLiteral("route"), QStringLiteral("url"),
        QStringLiteral("appendPath"), QStringLiteral("append_path"), QStringLiteral("enabled"),
        QStringLiteral("description"), QStringLiteral("retryConfig")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()) && it.key() != QLatin1String("id")
            && it.key() != QLatin1String("createdAt") && it.key() != QLatin1String("updatedAt"))
            return refusal(it.key(),
                QStringLiteral("unknown field '%1'; a relay has %2")
                    .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    const auto route = body.value(QStringLiteral("route"));
    if (!route.isUndefined() || create) {
        if (!route.isString() || route.toString().trimmed().isEmpty())
            return refusal(QStringLiteral("route"),
                QStringLiteral(
                    "route is required: a webhook route's name (e.g. twilio.sms), its path, or '*' "
                    "for every provider route"));
        const auto key = RelayCommands::routeKey(router, route.toString());
        if (key.isEmpty())
            return refusal(QStringLiteral("route"),
                QStringLiteral("route '%1' is not a webhook route; GET /api/relays lists the routes")
                    .arg(route.toString()));
        target->route = key;
    }
    const auto url = body.value(QStringLiteral("url"));
    if (!url.isUndefined() || create) {
        if (!url.isString() || url.toString().trimmed().isEmpty())
            return refusal(
                QStringLiteral("url"), QStringLiteral("url is required: the http(s) URL to relay to"));
        const auto text = url.toString().trimmed();
        const auto problem = RelayCommands::urlProblem(text, policy);
        if (!problem.isEmpty())
            return refusal(QStringLiteral("url"), problem);
        target->url = text;
    }
    for (const auto *name : {"appendPath", "append_path"}) {
        const auto value = body.value(QLatin1String(name));
        if (value.isUndefined())
            continue;
        if (!value.isBool())
            return refusal(
                QLatin1String(name), QStringLiteral("%1 must be true or false").arg(QLatin1String(name)));
        target->appendPath = value.toBool();
    }
    const auto enabled = body.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined()) {
        if (!enabled.isBool())
            return refusal(QStringLiteral("enabled"), QStringLiteral("enabled must be true or false"));
        target->enabled = enabled.toBool();
    }
    const auto description = body.value(QStringLiteral("description"));
    if (!description.isUndefined()) {
        if (!description.isString() && !description.isNull())
            return refusal(QStringLiteral("description"), QStringLiteral("description must be a string"));
        if (description.toString().size() > 500)
            return refusal(
                QStringLiteral("description"), QStringLiteral("description is longer than 500 characters"));
        target->description = description.toString().trimmed();
    }
    const auto retry = body.value(QStringLiteral("retryConfig"));
    if (!retry.isUndefined()) {
        if (retry.isNull()) {
            target->retry.reset();
        } else {
            RetryPolicy policy = target->retryPolicy();
            QString error;
            if (!RetryPolicy::fromJson(retry, &policy, &error))
                return refusal(QStringLiteral("retryConfig"), error);
            target->retry = policy;
        }
    }
    return std::nullopt;
}

std::optional<RelayRefusal> duplicate(SqlContext &context, const RelayTarget &target)
{
    const auto existing = RelayTargetRepository::findByRouteAndUrl(context, target.route, target.url);
    if (existing && existing->id != target.id)
        return refusal(QStringLiteral("url"),
            QStringLiteral("relay %1 already sends route %2 to this URL")
                .arg(existing->id)
                .arg(target.route));
    return std::nullopt;
}

void reloadFanout(SqlContext &context)
{
    if (context.eventRouter())
        context.eventRouter()->invalidate();
}

} // namespace

QList<RelayRoute> RelayCommands::routes(const Router &router)
{
    QList<RelayRoute> list;
    for (const auto &route : router.routes()) {
        if (route.kind == RouteKind::Webhook)
            list.append({route.handlerName, QString::fromLatin1(route.method), route.pattern});
    }
    std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
    return list;
}

QString RelayCommands::routeKey(const Router &router, const QString &given)
{
    auto text = given.trimmed();
    if (text == RelayTarget::allRoutes() || text.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        return RelayTarget::allRoutes();
    if (text.startsWith(QLatin1String("POST "), Qt::CaseInsensitive))
        text = text.mid(5).trimmed();
    for (const auto &route : routes(router)) {
        if (route.name == text || route.path == text)
            return route.name;
    }
    return {};
}

QString RelayCommands::urlProblem(const QString &text, const UrlPolicy &policy)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return QStringLiteral("url must be an absolute http(s) URL");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("url must not carry a user name or password");
    if (url.hasFragment())
        return QStringLiteral("url must not have a fragment (#...)");
    const auto host = url.host().toLower();
    QHostAddress address(host);
    if (address.isNull()
        && (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"))))
        address = QHostAddress(QHostAddress::LocalHost);
    if (!address.isNull()) {
        const auto refused = policy.check(address);
        if (!refused.isEmpty())
            return QStringLiteral("url is not allowed by the URL policy (%1): %2")
                .arg(policy.name(), refused);
    }
    return {};
}

std::variant<RelayTarget, RelayRefusal> RelayCommands::create(
    SqlContext &context, const Router &router, const UrlPolicy &policy, const QJsonObject &body)
{
    RelayTarget target;
    if (auto refused = apply(router, policy, body, &target, true))
        return *refused;
    if (auto refused = duplicate(context, target))
        return *refused;
    RelayTargetRepository::insert(context, target);
    reloadFanout(context);
    return target;
}

std::variant<RelayTarget, RelayRefusal> RelayCommands::update(
    SqlContext &context, const Router &router, const UrlPolicy &policy, qint64 id, const QJsonObject &body)
{
    auto stored = RelayTargetRepository::find(context, id);
    if (!stored)
        return RelayRefusal {
            ApiError {ErrorKind::NotFound, QStringLiteral("relay %1 not found").arg(id), {}}, {}};
    auto target = *stored;
    if (auto refused = apply(router, policy, body, &target, false))
        return *refused;
    if (auto refused = duplicate(context, target))
        return *refused;
    RelayTargetRepository::update(context, target);
    reloadFanout(context);
    return target;
}

bool RelayCommands::remove(SqlContext &context, qint64 id)
{
    if (!RelayTargetRepository::remove(context, id))
        return false;
    reloadFanout(context);
    return true;
}

} // namespace sb
