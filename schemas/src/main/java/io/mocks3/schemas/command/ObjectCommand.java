package io.mocks3.schemas.command;

import io.mocks3.schemas.ObjectKey;

/** A command that names one object key of its bucket. */
public sealed interface ObjectCommand extends Command permits PutObject, DeleteObject, SetObjectTags, SetObjectLock, SetObjectAcl, UploadCommand {
  ObjectKey key();
}
