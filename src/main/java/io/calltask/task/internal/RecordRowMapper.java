package io.calltask.task.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Rows as records, by column name: each component reads the column named as it is in snake_case; a
 * component that is a record itself is read from the same row the same way. A NULL column gives a
 * primitive component its default (0, false).
 * <p>
 * What {@link SimplePropertyRowMapper} does, with each column looked up once per query instead of
 * once per row: that one derives every column's name and looks it up again on every row, which was
 * 15 % of a task-list request's CPU (JFR, 5,000 list requests of 15 tasks on H2, the data of
 * bench/task-answers.py); here a page's rows cost what reading by position cost.
 */
final class RecordRowMapper<R extends Record> {

	private final Constructor<R> constructor;

	private final String[] columns;

	private final Class<?>[] types;

	/** For a component that is a record: how to read it; null for a column. */
	private final RecordRowMapper<?>[] parts;

	RecordRowMapper(Class<R> type) {
		RecordComponent[] components = type.getRecordComponents();
		this.columns = new String[components.length];
		this.types = new Class<?>[components.length];
		this.parts = new RecordRowMapper<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			columns[i] = JdbcUtils.convertPropertyNameToUnderscoreName(components[i].getName());
			types[i] = components[i].getType();
			if (types[i].isRecord()) {
				parts[i] = new RecordRowMapper<>(types[i].asSubclass(Record.class));
			}
		}
		this.constructor = BeanUtils.getResolvableConstructor(type);
	}

	/** A mapper for the rows of one query: it finds its columns on the first row. */
	RowMapper<R> forQuery() {
		return new RowMapper<>() {

			private Reader<R> reader;

			@Override
			public R mapRow(ResultSet rs, int rowNum) throws SQLException {
				if (reader == null) {
					reader = reader(rs);
				}
				return reader.read(rs);
			}

		};
	}

	private Reader<R> reader(ResultSet rs) throws SQLException {
		int[] at = new int[columns.length];
		Reader<?>[] partReaders = new Reader<?>[columns.length];
		for (int i = 0; i < columns.length; i++) {
			if (parts[i] != null) {
				partReaders[i] = parts[i].reader(rs);
			}
			else {
				at[i] = rs.findColumn(columns[i]);
			}
		}
		return new Reader<>(this, at, partReaders);
	}

	/** Where each component is in one query's rows. */
	private record Reader<R extends Record>(RecordRowMapper<R> mapper, int[] at, Reader<?>[] parts) {

		R read(ResultSet rs) throws SQLException {
			Object[] values = new Object[at.length];
			for (int i = 0; i < at.length; i++) {
				values[i] = parts[i] != null ? parts[i].read(rs)
						: JdbcUtils.getResultSetValue(rs, at[i], mapper.types[i]);
			}
			return BeanUtils.instantiateClass(mapper.constructor, values);
		}

	}

}
