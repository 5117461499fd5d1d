#include "Verification.h"

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

} // namespace sb
