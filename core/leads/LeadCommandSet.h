#pragma once

#include "LeadRecordCommands.h"

// The commands behind leadEvents() that are not shared pre-lead/lead operations (those are
// onRecord<operation, kind>), defined in PreLeadCommands.cpp, QualifiedLeadCommands.cpp and
// CustomerCommands.cpp.
namespace sb::leads {

ApiResult preLeadConvert(SqlContext &context, const LeadCall &call);

ApiResult leadActivityAdd(SqlContext &context, const LeadCall &call);
ApiResult leadQualifiedProfileUpdate(SqlContext &context, const LeadCall &call);
ApiResult leadConvert(SqlContext &context, const LeadCall &call);

ApiResult orderCreated(SqlContext &context, const LeadCall &call);
ApiResult paymentReceived(SqlContext &context, const LeadCall &call);

} // namespace sb::leads
