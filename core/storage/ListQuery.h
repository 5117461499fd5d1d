#pragma once

#include "http/HttpTypes.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

namespace sb {

class SqlContext;

// Shared by the list routes of the open API (GET /api/leads, /api/conversations,
// /api/conversations/{id}/messages): reading their query parameters and keyset cursors.
//
// A cursor is opaque to clients: base64url of {"s": sort, "v": key, "i": id}, the (sort key, id) of
// the last row a page returned. The next page continues strictly after it in the sort order, so a row
// inserted between two pages is never returned twice and no row is skipped.
struct PageKey
{
    QString sort; // the sort the cursor was made for, e.g. "-updated_at"
    qint64 value = 0; // the row's sort key
    qint64 id = 0;
};

QString encodeCursor(const PageKey &key);
std::optional<PageKey> decodeCursor(const QString &text);

// One sort of a list: `name` as the `sort` parameter spells it ("-updated_at" descending,
// "created_at" ascending) and the SQL expression of its key, never NULL.
struct SortOrder
{
    QString name;
    QString expression;
    bool descending = false;
};

// "expr < ? OR (expr = ? AND id < ?)" (">" ascending) with its three values: the rows after `key`.
QString keysetClause(
    const SortOrder &order, const QString &idColumn, const PageKey &key, QVariantList &values);
// "expr DESC, id DESC".
QString orderClause(const SortOrder &order, const QString &idColumn);

// One keyset page: the rows' ids in order, and the key to continue after (none on the last page).
struct IdPage
{
    QList<qint64> ids;
    std::optional<PageKey> next;
};

// Runs `sql` (selecting id, sort key; ending in "LIMIT ?", bound here to limit + 1) and keeps the
// first `limit` ids; the extra row, when there is one, says that `next` continues after the last.
IdPage keysetPage(
    SqlContext &context, const QString &sql, QVariantList values, int limit, const QString &sort);

namespace listparam {

constexpr int defaultLimit = 50;
constexpr int maxLimit = 200;

// The parameter's decoded value, or a null QString when it is absent.
QString value(const ApiRequest &request, const QString &name);
// `limit`: 1..200, default 50; otherwise a 400 naming it.
std::variant<int, ApiError> limit(const ApiRequest &request);
// `name` as true/false (also 1/0); absent = `fallback`.
std::variant<bool, ApiError> flag(const ApiRequest &request, const QString &name, bool fallback);
// A time: ISO 8601 (2024-01-25T09:00:00Z) or milliseconds since the epoch; absent = nullopt.
std::variant<std::optional<qint64>, ApiError> time(const ApiRequest &request, const QString &name);
// A positive integer id; absent = nullopt.
std::variant<std::optional<qint64>, ApiError> id(const ApiRequest &request, const QString &name);
// One of `allowed`; absent = nullopt.
std::variant<std::optional<QString>, ApiError> oneOf(
    const ApiRequest &request, const QString &name, const QStringList &allowed);
// `sort` among `orders` (a leading '+' or none is ascending, '-' descending); absent = `fallback`.
std::variant<SortOrder, ApiError> sort(
    const ApiRequest &request, const std::vector<SortOrder> &orders, const QString &fallback);
// `name` as a cursor made for `sort` (empty sort: any); absent = nullopt.
std::variant<std::optional<PageKey>, ApiError> cursor(
    const ApiRequest &request, const QString &name, const QString &sort);

// A list's page: `limit`, `sort` (among `orders`, absent = `fallback`) and `cursor` made for that sort.
struct PageRequest
{
    int limit = defaultLimit;
    SortOrder sort;
    std::optional<PageKey> after;
};
std::variant<PageRequest, ApiError> page(
    const ApiRequest &request, const std::vector<SortOrder> &orders, const QString &fallback);

} // namespace listparam

// A path id ({id}) as a positive integer.
std::optional<qint64> pathId(const ApiRequest &request, int index = 0);

} // namespace sb
