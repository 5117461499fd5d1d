#include "Verification.h"

#include <QRegularExpression>

namespace sb {

QString Verification::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::NotRequired:
        return QStringLiteral("not_required");
    case Outcome::Verified:
        return QStringLiteral("verified");
    case Outcome::Unverified:
        return QStringLiteral("unverified");
    case Outcome::MissingSecret:
        return QStringLiteral("missing_secret");
    case Outcome::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

QString Verification::logText() const
{
    static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\""));
    QString safe = detail;
    safe.replace(quoted, QStringLiteral("\"…\""));
    QString text = outcomeName(outcome);
    if (!scheme.isEmpty())
        text += QStringLiteral(" (") + scheme + QLatin1Char(')');
    if (!safe.isEmpty())
        text += QStringLiteral(": ") + safe;
    return text;
}

} // namespace sb
