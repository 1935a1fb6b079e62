-- CreateIndex
CREATE INDEX "Contact_fullName_id_idx" ON "Contact"("fullName", "id");
