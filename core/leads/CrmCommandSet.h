#pragma once

#include "CrmRecordCommands.h"

// The commands behind crmEvents() that are not shared pre-lead/lead operations (those are
// onRecord<operation, kind>), defined in CrmPreLeadCommands.cpp, CrmLeadCommands.cpp and
// CrmCustomerCommands.cpp.
namespace sb::crm {

ApiResult preLeadConvert(SqlContext &context, const CrmCall &call);

ApiResult leadActivityAdd(SqlContext &context, const CrmCall &call);
ApiResult leadQualifiedProfileUpdate(SqlContext &context, const CrmCall &call);
ApiResult leadConvert(SqlContext &context, const CrmCall &call);

ApiResult orderCreated(SqlContext &context, const CrmCall &call);
ApiResult paymentReceived(SqlContext &context, const CrmCall &call);

} // namespace sb::crm
