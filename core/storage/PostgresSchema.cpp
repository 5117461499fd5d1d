#include "PostgresSchema.h"

#include "Database.h"

#include <QSet>
#include <utility>
#include <vector>

namespace sb {

namespace {

enum class TokenKind
{
    Word,
    Literal,
    Space,
    Semicolon,
    Other
};

struct Token
{
    TokenKind kind;
    QString text;
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// Reads a quoted run starting at `from` (the opening quote) up to its closing quote, a doubled
// quote standing for itself; the end of the text closes an unterminated one.
qsizetype quotedEnd(const QString &sql, qsizetype from, QChar quote)
{
    auto i = from + 1;
    while (i < sql.size()) {
        if (sql.at(i) == quote) {
            if (i + 1 < sql.size() && sql.at(i + 1) == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return sql.size();
}

// Comments become a single space, so that the words on either side stay apart.
std::vector<Token> tokenize(const QString &sql)
{
    std::vector<Token> tokens;
    qsizetype i = 0;
    const auto n = sql.size();
    while (i < n) {
        const auto c = sql.at(i);
        qsizetype end = i + 1;
        TokenKind kind = TokenKind::Other;
        if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            end = sql.indexOf(QLatin1Char('\n'), i);
            end = end < 0 ? n : end;
            tokens.push_back({TokenKind::Space, QStringLiteral(" ")});
            i = end;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            end = sql.indexOf(QLatin1String("*/"), i + 2);
            end = end < 0 ? n : end + 2;
            tokens.push_back({TokenKind::Space, QStringLiteral(" ")});
            i = end;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            end = quotedEnd(sql, i, c);
            kind = TokenKind::Literal;
        } else if (c.isSpace()) {
            while (end < n && sql.at(end).isSpace())
                ++end;
            kind = TokenKind::Space;
        } else if (isWordChar(c)) {
            while (end < n && isWordChar(sql.at(end)))
                ++end;
            kind = TokenKind::Word;
        } else if (c == QLatin1Char(';')) {
            kind = TokenKind::Semicolon;
        }
        tokens.push_back({kind, sql.mid(i, end - i)});
        i = end;
    }
    return tokens;
}

// The index of the next token after `i` that is not white space, or the end.
std::size_t nextSignificant(const std::vector<Token> &tokens, std::size_t i)
{
    ++i;
    while (i < tokens.size() && tokens[i].kind == TokenKind::Space)
        ++i;
    return i;
}

bool isWord(const std::vector<Token> &tokens, std::size_t i, QLatin1String upper)
{
    return i < tokens.size() && tokens[i].kind == TokenKind::Word
        && tokens[i].text.compare(upper, Qt::CaseInsensitive) == 0;
}

bool isOpenParen(const std::vector<Token> &tokens, std::size_t i)
{
    return i < tokens.size() && tokens[i].text == QLatin1String("(");
}

// How many arguments the call whose opening parenthesis is at `open` has (top-level commas + 1).
int argumentCount(const std::vector<Token> &tokens, std::size_t open)
{
    int depth = 0;
    int arguments = 1;
    for (auto i = open; i < tokens.size(); ++i) {
        const auto &text = tokens[i].text;
        if (tokens[i].kind != TokenKind::Other)
            continue;
        if (text == QLatin1String("("))
            ++depth;
        else if (text == QLatin1String(")") && --depth == 0)
            return arguments;
        else if (text == QLatin1String(",") && depth == 1)
            ++arguments;
    }
    return arguments;
}

[[noreturn]] void refuse(const QString &construct, const QString &why, const QString &statement)
{
    throw SqlError(QStringLiteral("cannot translate %1 to PostgreSQL (%2); give this migration a "
                                  "NNN_name.postgres.sql override: %3")
                       .arg(construct, why, statement.simplified().left(200)));
}

// SQLite functions and words with no faithful PostgreSQL spelling, and why.
QString untranslatable(const QString &upper)
{
    static const QSet<QString> dateFunctions {QStringLiteral("STRFTIME"), QStringLiteral("DATETIME"),
        QStringLiteral("JULIANDAY"), QStringLiteral("UNIXEPOCH"), QStringLiteral("DATE"),
        QStringLiteral("TIME")};
    if (dateFunctions.contains(upper))
        return QStringLiteral("SQLite's date function; PostgreSQL uses to_char/extract/to_timestamp");
    if (upper.startsWith(QLatin1String("JSON_")) || upper == QLatin1String("JSON"))
        return QStringLiteral("SQLite's JSON function; PostgreSQL uses ->, ->> and jsonb functions");
    if (upper == QLatin1String("GROUP_CONCAT"))
        return QStringLiteral("PostgreSQL spells it string_agg(x, ',')");
    if (upper == QLatin1String("LAST_INSERT_ROWID") || upper == QLatin1String("CHANGES")
        || upper == QLatin1String("TOTAL_CHANGES"))
        return QStringLiteral("SQLite's connection state; PostgreSQL uses RETURNING");
    if (upper == QLatin1String("IIF"))
        return QStringLiteral("PostgreSQL spells it CASE WHEN");
    return {};
}

} // namespace

QStringList splitSqlScript(const QString &script)
{
    QStringList statements;
    QString current;
    for (const auto &token : tokenize(script)) {
        if (token.kind == TokenKind::Semicolon) {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
        } else {
            current += token.text;
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

QString postgresStatement(const QString &sqliteStatement)
{
    const auto tokens = tokenize(sqliteStatement);
    QStringList out;
    bool ignoreConflicts = false;
    std::size_t returningAt = 0; // index in `out` before which ON CONFLICT goes; 0: at the end
    const auto first = tokens.empty() || tokens[0].kind != TokenKind::Space ? 0 : nextSignificant(tokens, 0);
    QString previousWord;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto &token = tokens[i];
        if (token.kind == TokenKind::Semicolon)
            continue;
        if (token.kind != TokenKind::Word) {
            out.append(token.text);
            if (token.kind != TokenKind::Space)
                previousWord.clear();
            continue;
        }
        const auto upper = token.text.toUpper();
        const auto previous = std::exchange(previousWord, upper);
        const auto next = nextSignificant(tokens, i);
        if (upper == QLatin1String("INTEGER") || upper == QLatin1String("INT")) {
            const auto key = nextSignificant(tokens, next);
            if (isWord(tokens, next, QLatin1String("PRIMARY")) && isWord(tokens, key, QLatin1String("KEY"))) {
                auto last = key;
                if (isWord(tokens, nextSignificant(tokens, last), QLatin1String("AUTOINCREMENT")))
                    last = nextSignificant(tokens, last);
                const bool references
                    = isWord(tokens, nextSignificant(tokens, last), QLatin1String("REFERENCES"));
                out.append(references
                        ? QStringLiteral("BIGINT PRIMARY KEY")
                        : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
                i = last;
                continue;
            }
            out.append(QStringLiteral("BIGINT"));
        } else if (upper == QLatin1String("REAL")) {
            out.append(QStringLiteral("DOUBLE PRECISION"));
        } else if (upper == QLatin1String("BLOB")) {
            out.append(QStringLiteral("BYTEA"));
        } else if (upper == QLatin1String("AUTOINCREMENT")) {
            continue;
        } else if (upper == QLatin1String("IFNULL") && isOpenParen(tokens, next)) {
            out.append(QStringLiteral("COALESCE"));
        } else if (upper == QLatin1String("LIKE")) {
            out.append(QStringLiteral("ILIKE"));
        } else if (upper == QLatin1String("INSERT") && isWord(tokens, next, QLatin1String("OR"))) {
            const auto action = nextSignificant(tokens, next);
            if (!isWord(tokens, action, QLatin1String("IGNORE"))) {
                refuse(QStringLiteral("INSERT OR %1")
                           .arg(action < tokens.size() ? tokens[action].text : QString()),
                    QStringLiteral(
                        "PostgreSQL's ON CONFLICT needs the conflict target and the columns to set"),
                    sqliteStatement);
            }
            out.append(token.text);
            ignoreConflicts = true;
            i = action;
        } else if (upper == QLatin1String("REPLACE") && i == first) {
            refuse(QStringLiteral("REPLACE INTO"),
                QStringLiteral("PostgreSQL's ON CONFLICT needs the conflict target and the columns to set"),
                sqliteStatement);
        } else if (upper == QLatin1String("RETURNING") && ignoreConflicts) {
            returningAt = std::size_t(out.size());
            out.append(token.text);
        } else if (upper == QLatin1String("PRAGMA")) {
            refuse(token.text, QStringLiteral("PostgreSQL has no PRAGMA; settings are SET or server options"),
                sqliteStatement);
        } else if (upper == QLatin1String("GLOB")) {
            refuse(token.text, QStringLiteral("PostgreSQL matches case-sensitive patterns with LIKE or ~"),
                sqliteStatement);
        } else if (upper == QLatin1String("ROWID") || upper == QLatin1String("_ROWID_")
            || upper == QLatin1String("OID")) {
            refuse(token.text, QStringLiteral("PostgreSQL rows have no rowid; use the table's key"),
                sqliteStatement);
        } else if (upper == QLatin1String("VACUUM")) {
            refuse(token.text, QStringLiteral("VACUUM cannot run inside a migration's transaction"),
                sqliteStatement);
        } else if (upper == QLatin1String("TRIGGER")
            && (previous == QLatin1String("CREATE") || previous == QLatin1String("TEMP")
                || previous == QLatin1String("TEMPORARY") || previous == QLatin1String("DROP"))) {
            refuse(QStringLiteral("CREATE TRIGGER"),
                QStringLiteral("PostgreSQL triggers call a function written in PL/pgSQL"), sqliteStatement);
        } else if ((upper == QLatin1String("MAX") || upper == QLatin1String("MIN"))
            && isOpenParen(tokens, next) && argumentCount(tokens, next) > 1) {
            refuse(QStringLiteral("scalar %1(a, b)").arg(upper),
                QStringLiteral("GREATEST/LEAST skip NULL arguments where SQLite's answers NULL"),
                sqliteStatement);
        } else if (isOpenParen(tokens, next) && !untranslatable(upper).isEmpty()) {
            refuse(token.text + QStringLiteral("()"), untranslatable(upper), sqliteStatement);
        } else {
            out.append(token.text);
        }
    }
    if (ignoreConflicts && returningAt > 0)
        out.insert(qsizetype(returningAt), QStringLiteral("ON CONFLICT DO NOTHING "));
    const QString translated = out.join(QString()).trimmed();
    if (ignoreConflicts && returningAt == 0)
        return translated + QStringLiteral(" ON CONFLICT DO NOTHING");
    return translated;
}

QString postgresOverrideOf(const QString &migrationResource)
{
    QString name = migrationResource;
    if (name.endsWith(QLatin1String(".sql")))
        name.chop(4);
    return name + QStringLiteral(".postgres.sql");
}

QStringList postgresStatements(const QString &sqliteScript)
{
    QStringList statements;
    for (const auto &statement : splitSqlScript(sqliteScript)) {
        const auto translated = postgresStatement(statement);
        if (!translated.isEmpty())
            statements.append(translated);
    }
    return statements;
}

} // namespace sb
