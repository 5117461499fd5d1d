#include "ApiDocumentation.h"

#include "LeadRouteDocs.h"
#include "RuntimeLog.h"
#include "channels/ChannelRouteDocs.h"
#include "inbound/InboundRouteDocs.h"
#include "outbound/OutboundRouteDocs.h"
#include "server/LiveRouteDocs.h"
#include "server/OpenApi.h"

namespace sb {

void registerApiDocumentation(Router &router)
{
    routes::addApiDocumentation(router);
    documentInboundRoutes(router);
    documentOutboundRoutes(router);
    documentChannelRoutes(router);
    documentLeadRoutes(router);
    documentLiveRoutes(router);
    const auto missing = undocumentedRoutes(router);
    if (!missing.isEmpty())
        qCWarning(lcRuntime, "routes without documentation in /openapi.json: %s",
            qPrintable(missing.join(QStringLiteral(", "))));
    if (!router.orphanDocs().isEmpty())
        qCWarning(lcRuntime, "documentation for routes that are not registered: %s",
            qPrintable(router.orphanDocs().join(QStringLiteral(", "))));
}

} // namespace sb
