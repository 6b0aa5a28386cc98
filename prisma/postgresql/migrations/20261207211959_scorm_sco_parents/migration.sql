-- AlterTable
ALTER TABLE "ScormSco" ADD COLUMN     "parents" TEXT NOT NULL DEFAULT '[]';
