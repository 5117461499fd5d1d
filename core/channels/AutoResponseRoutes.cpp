#include "AutoResponseRoutes.h"

#include "AutoResponder.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QUrl>

namespace sb {

namespace {

const auto base = QStringLiteral("/api/communications/auto-responses");

QString addressArg(const ApiRequest &request)
{
    return QUrl::fromPercentEncoding(request.pathArgs.value(0).toUtf8()).trimmed().toLower();
}

ApiError notFound(const QString &address)
{
    return ApiError {ErrorKind::NotFound, QStringLiteral("No auto-response for %1").arg(address)};
}

} // namespace

void registerAutoResponseRoutes(Router &router)
{
    routes::addQuery(router, "GET", base, ApiFamily::Communications, QStringLiteral("auto-responses.list"),
        [](SqlContext &context, const ApiRequest &) -> ApiResult {
            QJsonArray list;
            for (const auto &rule : AutoResponder::rules(context))
                list.append(rule.toJson());
            return ApiResponse::json(200, list);
        });
    routes::addQuery(router, "GET", base + QStringLiteral("/{address}"), ApiFamily::Communications,
        QStringLiteral("auto-responses.get"),
        [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto address = addressArg(request);
            const auto rule = AutoResponder::rule(context, address);
            if (!rule)
                return notFound(address);
            return ApiResponse::json(200, rule->toJson());
        });
    routes::addCommand(router, "PUT", base + QStringLiteral("/{address}"), ApiFamily::Communications,
        QStringLiteral("auto-responses.put"),
        [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            auto parsed = JsonBody::object(request.body);
            if (std::holds_alternative<ApiError>(parsed))
                return std::get<ApiError>(parsed);
            AutoResponseRule rule;
            auto problems
                = AutoResponder::ruleFromJson(addressArg(request), std::get<QJsonObject>(parsed), rule);
            if (problems.isEmpty() && rule.serviceId) {
                const auto service = ExternalServiceRepository::get(context, *rule.serviceId);
                if (!service || service->type != ServiceType::Email)
                    problems.append(
                        QStringLiteral("serviceId %1 is not an email service").arg(*rule.serviceId));
            }
            if (!problems.isEmpty())
                return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
            AutoResponder::saveRule(context, rule);
            return ApiResponse::json(200, rule.toJson());
        });
    routes::addCommand(router, "DELETE", base + QStringLiteral("/{address}"), ApiFamily::Communications,
        QStringLiteral("auto-responses.delete"),
        [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto address = addressArg(request);
            if (!AutoResponder::removeRule(context, address))
                return notFound(address);
            return ApiResponse::json(
                200, QJsonObject {{QStringLiteral("address"), address}, {QStringLiteral("deleted"), true}});
        });
}

} // namespace sb
