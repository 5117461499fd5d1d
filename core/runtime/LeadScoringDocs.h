#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the lead scoring routes (leads/LeadScoringRoutes.h).
void documentLeadScoringRoutes(Router &router);
// The members GET /api/leads/{id} adds to a lead: score, scoreReasons, scoreComputedAt.
QJsonObject leadScoreMembers(QJsonObject lead);

} // namespace sb
