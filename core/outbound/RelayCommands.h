#pragma once

#include "domain/RelayTarget.h"
#include "http/HttpTypes.h"
#include "security/UrlPolicy.h"
#include "server/Router.h"

#include <QJsonObject>
#include <variant>

namespace sb {

class SqlContext;

// A route relays can be set up for: a webhook route of the route table.
struct RelayRoute
{
    QString name; // the route's handler name (twilio.sms), the key stored in relay_targets.route
    QString method;
    QString path;
};

// A refused relay change: the error and the body field it names (route, url, ...).
struct RelayRefusal
{
    ApiError error;
    QString field;
};

// The changes to relay targets shared by the admin API and the console: validated, stored, and the
// writer's fan-out told to reload (through the context's event router). Writer thread only.
class RelayCommands
{
public:
    // Every webhook route, by path.
    static QList<RelayRoute> routes(const Router &router);
    // A route as given (its handler name, its path, "POST <path>", or "*" / "all") as stored; empty
    // when no webhook route is meant.
    static QString routeKey(const Router &router, const QString &given);
    // Empty when `url` may be a relay target: an absolute http(s) URL without credentials or
    // fragment, whose host, when it is an address (or localhost), `policy` allows.
    static QString urlProblem(const QString &url, const UrlPolicy &policy);

    // Fields: route, url (required on create), appendPath, enabled, description, retryConfig.
    static std::variant<RelayTarget, RelayRefusal> create(
        SqlContext &context, const Router &router, const UrlPolicy &policy, const QJsonObject &body);
    // Only the fields present change.
    static std::variant<RelayTarget, RelayRefusal> update(SqlContext &context, const Router &router,
        const UrlPolicy &policy, qint64 id, const QJsonObject &body);
    static bool remove(SqlContext &context, qint64 id);
};

} // namespace sb
